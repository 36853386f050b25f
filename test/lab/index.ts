// The lab harness: real OpenSSH, PostgreSQL, MariaDB and OpenLDAP servers on 127.0.0.1, each
// private to the caller. See README.md beside this file.

export { startLab, type Lab, type LabOptions } from './lab.js';
export { startSsh } from './ssh.js';
export { startPostgres } from './postgres.js';
export { startMariaDb } from './mariadb.js';
export { startLdap } from './ldap.js';
export { LabStartError } from './errors.js';
export { killEverythingNow, installSignalCleanup } from './cleanup.js';
export {
  SERVER_NAMES,
  type ExitInfo,
  type LabDetails,
  type LdapDetails,
  type RunningServer,
  type ServerName,
  type SqlDetails,
  type SshDetails,
  type StartOptions,
} from './types.js';
