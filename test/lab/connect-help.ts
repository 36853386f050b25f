// The CLI's "how to connect" text: copy-pasteable commands with the admin credentials in them.
// That is its purpose, so unlike everything else in the lab it prints passwords.

import type { LabDetails } from './types.js';

/** Single-quotes a value for a POSIX shell. */
function sh(value: string | number): string {
  return `'${String(value).replaceAll("'", `'\\''`)}'`;
}

export function connectionHelp(details: Partial<LabDetails>, startMs: number): string {
  const sections: string[] = [
    `JIT PAM lab is up (started in ${(startMs / 1000).toFixed(1)} s). Ctrl-C stops it and deletes its files.`,
  ];
  const { ssh, postgres, mariadb, ldap } = details;

  if (ssh) {
    sections.push(
      [
        `OpenSSH  ${ssh.host}:${ssh.port}  admin ${ssh.adminUser} (key ${ssh.privateKeyPath})`,
        `  ssh -i ${sh(ssh.privateKeyPath)} -p ${ssh.port} -o UserKnownHostsFile=${sh(ssh.knownHostsPath)} -o StrictHostKeyChecking=yes ${ssh.adminUser}@${ssh.host}`,
        `  Other users log in with passwords; they are real accounts of this machine (useradd/userdel).`,
      ].join('\n'),
    );
  }
  if (postgres) {
    sections.push(
      [
        `PostgreSQL  ${postgres.host}:${postgres.port}  superuser ${postgres.adminUser} / ${postgres.adminPassword}`,
        `  PGPASSWORD=${sh(postgres.adminPassword)} psql -h ${postgres.host} -p ${postgres.port} -U ${sh(postgres.adminUser)} -d ${sh(postgres.database)}`,
      ].join('\n'),
    );
  }
  if (mariadb) {
    sections.push(
      [
        `MariaDB  ${mariadb.host}:${mariadb.port}  admin ${mariadb.adminUser} / ${mariadb.adminPassword}`,
        `  mariadb -h ${mariadb.host} -P ${mariadb.port} -u ${sh(mariadb.adminUser)} -p${sh(mariadb.adminPassword)} ${sh(mariadb.database)}`,
      ].join('\n'),
    );
  }
  if (ldap) {
    const bind = `-H ${sh(ldap.url)} -D ${sh(ldap.adminDn)} -w ${sh(ldap.adminPassword)}`;
    sections.push(
      [
        `OpenLDAP  ${ldap.url}  admin ${ldap.adminDn} / ${ldap.adminPassword}`,
        `  base ${ldap.baseDn}, people ${ldap.peopleDn}, default ppolicy ${ldap.defaultPolicyDn}`,
        `  ldapsearch -x ${bind} -b ${sh(ldap.baseDn)} -LLL`,
        `  ldapwhoami -x ${bind}`,
      ].join('\n'),
    );
  }
  return sections.join('\n\n');
}
