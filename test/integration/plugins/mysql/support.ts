// What the MySQL plugin's integration tests share: the lab's MariaDB as a target, an admin
// connection for checks, logins as the accounts the templates make, and account snapshots.

import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import type {
  ConnectionLogin,
  RunResult,
  TagValues,
  TargetEndpoint,
} from '../../../../electron/plugins/plugin-runtime';
import { mysqlBuiltinTemplates, mysqlPlugin } from '../../../../electron/plugins/mysql';
import { labDetails } from '../../../lab/inject';
import { uniqueName } from '../../../lab/names';
import { randomPassword } from '../../../lab/secrets';

export const plugin = mysqlPlugin;

/** "Access denied" for a name with no account: 1045, or 1698 depending on the name (see the lab README). */
export const ACCESS_DENIED = [1045, 1698];
/** MariaDB's "account is locked" (reported by mysql2 under a misleading code name). */
export const ACCOUNT_LOCKED = 4151;

export function target(): TargetEndpoint {
  const { host, port } = labDetails().mariadb;
  return { host, port };
}

export function adminLogin(): ConnectionLogin {
  const { adminUser, adminPassword } = labDetails().mariadb;
  return { username: adminUser, password: adminPassword };
}

export function template(key: string): string {
  const found = mysqlBuiltinTemplates.find((t) => t.key === key);
  if (found === undefined) throw new Error(`no built-in template ${key}`);
  return found.content;
}

export const roundTripName = (): string => uniqueName('jitmyrt');
const otherTestsAccounts = /^(labtest|jitmyrt)\d{8}@/;

export function tagsFor(username: string, password = randomPassword()): TagValues {
  return { USERNAME: username, NEW_PASSWORD: password };
}

export function runTemplate(key: string, tags: TagValues): Promise<RunResult> {
  return plugin.run({ template: template(key), tags, target: target(), login: adminLogin() });
}

export function connectAs(user: string, password: string): Promise<Connection> {
  const { host, port } = labDetails().mariadb;
  return createConnection({ host, port, user, password, connectTimeout: 5000 });
}

const errnoOf = (error: unknown): number | string =>
  error instanceof Error && 'errno' in error && typeof error.errno === 'number' ? error.errno : String(error);

/** 'ok' when the login works (as that very account), else the server's errno. */
export async function loginOutcome(user: string, password: string): Promise<string | number> {
  try {
    const connection = await connectAs(user, password);
    const [rows] = await connection.query<RowDataPacket[]>('SELECT CURRENT_USER() AS me');
    await connection.end();
    return String(rows[0]?.me) === `${user}@%` ? 'ok' : 'wrong user';
  } catch (error) {
    return errnoOf(error);
  }
}

let admin: Promise<Connection> | null = null;

/** Runs checks on one admin connection per test file (close it with closeAdmin in afterAll). */
export function withAdmin<T>(work: (connection: Connection) => Promise<T>): Promise<T> {
  const { adminUser, adminPassword } = labDetails().mariadb;
  admin ??= connectAs(adminUser, adminPassword);
  return admin.then(work);
}

export async function closeAdmin(): Promise<void> {
  const connection = await admin;
  admin = null;
  await connection?.end();
}

/** Every account and role as user@host, minus the throwaway ones other test files make meanwhile. */
export function accountSnapshot(): Promise<string[]> {
  return withAdmin(async (connection) => {
    const [rows] = await connection.query<RowDataPacket[]>(
      'SELECT User AS user, Host AS host FROM mysql.user',
    );
    return rows
      .map((row) => `${String(row.user)}@${String(row.host)}`)
      .filter((account) => !otherTestsAccounts.test(account))
      .sort();
  });
}

export interface AccountFacts {
  locked: boolean;
  marked: boolean;
}

/** The account user@'%' (the user name compared byte for byte), or null. */
export function accountFacts(user: string): Promise<AccountFacts | null> {
  return withAdmin(async (connection) => {
    const [rows] = await connection.query<RowDataPacket[]>(
      `SELECT JSON_VALUE(p.Priv, '$.account_locked') AS locked,
              EXISTS (SELECT 1 FROM mysql.roles_mapping m
                       WHERE BINARY m.User = BINARY p.User AND m.Host = '%' AND m.Role = 'jit_pam_managed') AS marked
         FROM mysql.global_priv p WHERE BINARY p.User = BINARY ? AND p.Host = '%'`,
      [user],
    );
    const row = rows[0];
    // JSON_VALUE gives JSON true as 1.
    const locked = row?.locked === 'true' || row?.locked === '1' || row?.locked === 1;
    return row === undefined ? null : { locked, marked: Number(row.marked) === 1 };
  });
}

export function dropAccount(user: string): Promise<void> {
  return withAdmin(async (connection) => {
    await connection.query('DROP USER IF EXISTS ?@?', [user, '%']);
  });
}

/** Live sessions of the user (other than the admin's). */
export function sessionsOf(user: string): Promise<number> {
  return withAdmin(async (connection) => {
    const [rows] = await connection.query<RowDataPacket[]>(
      'SELECT 1 FROM information_schema.PROCESSLIST WHERE USER = ?',
      [user],
    );
    return rows.length;
  });
}

export async function sessionIsDead(connection: Connection): Promise<boolean> {
  try {
    await connection.query('SELECT 1');
    return false;
  } catch {
    return true;
  }
}
