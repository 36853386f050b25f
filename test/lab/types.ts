// What the lab hands to tests and to people. Everything here is plain JSON: Vitest passes it from
// the globalSetup process to the test workers by serializing it.

export type ServerName = 'ssh' | 'postgres' | 'mariadb' | 'ldap';

export const SERVER_NAMES: readonly ServerName[] = ['ssh', 'postgres', 'mariadb', 'ldap'];

export interface SshDetails {
  host: string;
  port: number;
  /** Always 'root': the lab's sshd accepts root with the generated key only (prohibit-password). */
  adminUser: string;
  /** OpenSSH-format ed25519 private key, unencrypted. */
  privateKey: string;
  privateKeyPath: string;
  /** The server's host key as one `ssh-ed25519 AAAA...` line, for host-key verification. */
  hostPublicKey: string;
  /** A known_hosts file holding that key for `[host]:port`, for the ssh command line. */
  knownHostsPath: string;
}

export interface SqlDetails {
  host: string;
  port: number;
  adminUser: string;
  adminPassword: string;
  /** A database that always exists on such a server: 'postgres' for PostgreSQL, 'mysql' for MariaDB. */
  database: string;
}

export interface LdapDetails {
  url: string;
  host: string;
  port: number;
  adminDn: string;
  adminPassword: string;
  baseDn: string;
  /** ou=people under the base: where accounts go. */
  peopleDn: string;
  /** The ppolicy default policy entry (pwdLockout TRUE). */
  defaultPolicyDn: string;
}

export interface LabDetails {
  ssh: SshDetails;
  postgres: SqlDetails;
  mariadb: SqlDetails;
  ldap: LdapDetails;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningServer<D> {
  name: ServerName;
  details: D;
  /** The current process's (a resume() starts another). */
  readonly pid: number;
  /** The server's private temporary directory, removed by stop(). */
  dir: string;
  /** Settles when the server process exits, for whatever reason. */
  exited: Promise<ExitInfo>;
  /** The last lines the server wrote to stdout/stderr. */
  logTail(lines?: number): string;
  /**
   * Stops the process as stop() does but keeps its directory (its data) and port: a target that
   * goes down. resume() starts it again there and resolves once it accepts a login.
   */
  halt(): Promise<void>;
  resume(): Promise<void>;
  /** Stops the process (gracefully, then SIGKILL), waits for its exit, removes its directory. Idempotent. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** How long to wait for the server to accept a real login before giving up. */
  readyTimeoutMs?: number;
}
