// What the PostgreSQL plugin's integration tests share: the lab's server as a target, an admin
// connection for checks, logins as the accounts the templates make, and role snapshots.

import pg from 'pg';
import type {
  ConnectionLogin,
  RunResult,
  TagValues,
  TargetEndpoint,
} from '../../../../electron/plugins/plugin-runtime';
import { postgresqlBuiltinTemplates, postgresqlPlugin } from '../../../../electron/plugins/postgresql';
import { labDetails } from '../../../lab/inject';
import { uniqueName } from '../../../lab/names';
import { randomPassword } from '../../../lab/secrets';

export const plugin = postgresqlPlugin;

export function target(): TargetEndpoint {
  const { host, port } = labDetails().postgres;
  return { host, port };
}

export function adminLogin(): ConnectionLogin {
  const { adminUser, adminPassword } = labDetails().postgres;
  return { username: adminUser, password: adminPassword };
}

export function template(key: string): string {
  const found = postgresqlBuiltinTemplates.find((t) => t.key === key);
  if (found === undefined) throw new Error(`no built-in template ${key}`);
  return found.content;
}

/** Roles of this plugin's round-trip tests: excluded from snapshots taken by parallel test files. */
export const roundTripName = (): string => uniqueName('jitpgrt');
const otherTestsRoles = /^(labtest|jitpgrt)\d{8}$/;

export function tagsFor(username: string, password = randomPassword()): TagValues {
  return {
    USERNAME: username,
    NEW_PASSWORD: password,
    EXPIRATION: new Date(Date.now() + 3_600_000).toISOString(),
    SESSION_ID: `it-${randomPassword(8)}`,
  };
}

export function runTemplate(key: string, tags: TagValues): Promise<RunResult> {
  return plugin.run({ template: template(key), tags, target: target(), login: adminLogin() });
}

/** A connection as anyone; rejects as the server refuses the login. */
export async function connectAs(user: string, password: string, database = 'postgres'): Promise<pg.Client> {
  const { host, port } = labDetails().postgres;
  const client = new pg.Client({ host, port, user, password, database, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

/** 'ok' when the login works, else the server's SQLSTATE (28000: NOLOGIN, 28P01: bad password). */
export async function loginOutcome(user: string, password: string): Promise<string> {
  try {
    const client = await connectAs(user, password);
    const result = await client.query<{ me: string }>('SELECT current_user AS me');
    await client.end();
    return result.rows[0]?.me === user ? 'ok' : 'wrong user';
  } catch (error) {
    return error instanceof Error && 'code' in error && typeof error.code === 'string'
      ? error.code
      : String(error);
  }
}

let admin: Promise<pg.Client> | null = null;

/** Runs checks on one admin connection per test file (close it with closeAdmin in afterAll). */
export function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const { adminUser, adminPassword } = labDetails().postgres;
  admin ??= connectAs(adminUser, adminPassword);
  return admin.then(work);
}

export async function closeAdmin(): Promise<void> {
  const client = await admin;
  admin = null;
  await client?.end();
}

/** Every role, minus the throwaway roles other test files make meanwhile. */
export function roleSnapshot(): Promise<string[]> {
  return withAdmin(async (client) => {
    const result = await client.query<{ rolname: string }>(
      'SELECT rolname FROM pg_catalog.pg_roles ORDER BY 1',
    );
    return result.rows.map((row) => row.rolname).filter((name) => !otherTestsRoles.test(name));
  });
}

export interface RoleFacts {
  canLogin: boolean;
  comment: string | null;
}

/** The role named exactly `name`, or null. */
export function roleFacts(name: string): Promise<RoleFacts | null> {
  return withAdmin(async (client) => {
    const result = await client.query<{ rolcanlogin: boolean; comment: string | null }>(
      `SELECT rolcanlogin, pg_catalog.shobj_description(oid, 'pg_authid') AS comment
         FROM pg_catalog.pg_roles WHERE rolname = $1`,
      [name],
    );
    const row = result.rows[0];
    return row === undefined ? null : { canLogin: row.rolcanlogin, comment: row.comment };
  });
}

/** Removes a role a test made, whatever state it is in. */
export function dropRole(name: string): Promise<void> {
  return withAdmin(async (client) => {
    const id = client.escapeIdentifier(name);
    await client.query(
      'SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity WHERE usename = $1',
      [name],
    );
    await client.query(`DROP ROLE IF EXISTS ${id}`);
  });
}

/** Whether a backend of this role is still there. */
export function backendsOf(name: string): Promise<number> {
  return withAdmin(async (client) => {
    const result = await client.query('SELECT 1 FROM pg_catalog.pg_stat_activity WHERE usename = $1', [name]);
    return result.rowCount ?? 0;
  });
}

/** Resolves when a query on `client` fails: the server ended the session. */
export async function sessionIsDead(client: pg.Client): Promise<boolean> {
  try {
    await client.query('SELECT 1');
    return false;
  } catch {
    return true;
  }
}
