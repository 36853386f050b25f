import type { AccountLoginRequest, AccountRequest } from '../plugin-runtime';
import { ConnectFailed, defaultTimeouts, probeAccountLogin, withAccountConnection } from '../tag-engine';
import { openPg, pgConnections, type PgConnection } from './connection';

/** How long pg_terminate_backend waits for each backend to be gone (PostgreSQL 14 and later). */
const TERMINATE_WAIT_MS = 5000;

function withPg<T>(request: AccountRequest, what: string, work: (c: PgConnection) => Promise<T>): Promise<T> {
  const open = (): Promise<PgConnection> =>
    openPg({
      target: request.target,
      login: request.login,
      timeouts: defaultTimeouts,
      signal: request.signal,
    });
  return withAccountConnection(request, what, { linger: pgConnections, open }, work);
}

export function pgAccountExists(request: AccountRequest): Promise<boolean> {
  return withPg(request, 'checking the role', async ({ client }) => {
    const result = await client.query('SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1', [
      request.username,
    ]);
    return (result.rowCount ?? 0) > 0;
  });
}

/**
 * Terminates every backend of the role except our own. From PostgreSQL 14 each call waits until
 * that backend has exited, so the count is of sessions really gone, not of signals sent.
 */
export function pgEndSessions(request: AccountRequest): Promise<number> {
  return withPg(request, 'ending the role\u2019s sessions', async (connection) => {
    const result = await connection.client.query<{ ended: boolean }>(
      `SELECT ${terminateCall(connection)} AS ended FROM pg_catalog.pg_stat_activity
        WHERE usename = $1 AND pid <> pg_catalog.pg_backend_pid()`,
      [request.username],
    );
    return result.rows.filter((row) => row.ended).length;
  });
}

/**
 * pgEndSessions and pgAccountExists in one query: the cleanup of a created role asks both, and at
 * twenty sessions at once each round trip is CPU the core and the server share (docs/testing.md).
 * The two parts do not depend on each other (ending a backend does not make or drop a role).
 */
export function pgEndSessionsThenExists(
  request: AccountRequest,
): Promise<{ ended: number; exists: boolean }> {
  return withPg(request, 'ending the role\u2019s sessions and checking it is gone', async (connection) => {
    // The call stays in the sublink's select list, so it runs on the role's backends only (in a
    // WHERE clause the planner could call it before the usename test).
    const result = await connection.client.query<{ ended: boolean[]; exists: boolean }>(
      `SELECT ARRAY(SELECT ${terminateCall(connection)} FROM pg_catalog.pg_stat_activity
                     WHERE usename = $1 AND pid <> pg_catalog.pg_backend_pid()) AS ended,
              EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1) AS exists`,
      [request.username],
    );
    const row = result.rows[0];
    return { ended: (row?.ended ?? []).filter((ended) => ended).length, exists: row?.exists === true };
  });
}

/** From PostgreSQL 14 each call waits until that backend has exited. */
function terminateCall(connection: PgConnection): string {
  const major = connection.serverMajor();
  return major !== null && major >= 14
    ? `pg_catalog.pg_terminate_backend(pid, ${TERMINATE_WAIT_MS})`
    : 'pg_catalog.pg_terminate_backend(pid)';
}

/**
 * SQLSTATE class 28, invalid authorization: a wrong password, a NOLOGIN role, a VALID UNTIL in the
 * past, no such role, or pg_hba refusing it. Anything else (unreachable, a timeout) is not an answer.
 */
function loginRefused(error: unknown): boolean {
  const cause = error instanceof ConnectFailed ? error.cause : undefined;
  return (
    typeof cause === 'object' &&
    cause !== null &&
    'code' in cause &&
    typeof cause.code === 'string' &&
    cause.code.startsWith('28')
  );
}

/**
 * No CONNECT on the database (42501, CheckMyDatabase): PostgreSQL checks it only after the role
 * authenticated, so the password was right (a server that grants CONNECT by name only).
 */
function refusedAfterLogin(error: unknown): boolean {
  const cause = error instanceof ConnectFailed ? error.cause : undefined;
  return typeof cause === 'object' && cause !== null && 'code' in cause && cause.code === '42501';
}

/** What a login refused the database after authenticating counts as: in, and nothing to close. */
const authenticated = { destroy: (): void => undefined, close: (): Promise<void> => Promise.resolve() };

/** Connects as the role itself, to the authentication login's database. */
export function pgAccountLogsIn(request: AccountLoginRequest): Promise<boolean> {
  const login = {
    username: request.username,
    password: request.password,
    ...(request.login.database !== undefined ? { database: request.login.database } : {}),
  };
  return probeAccountLogin(
    request,
    () =>
      openPg({ target: request.target, login, timeouts: defaultTimeouts, signal: request.signal }).catch(
        (error: unknown) => {
          if (refusedAfterLogin(error)) return authenticated;
          throw error;
        },
      ),
    loginRefused,
  );
}

/**
 * What the built-in Credential enable/disable templates switch: LOGIN (rolcanlogin), and VALID
 * UNTIL (a role past it cannot log in with a password). No such role: false.
 */
export function pgAccountEnabled(request: AccountRequest): Promise<boolean> {
  return withPg(request, 'reading the role\u2019s login state', async ({ client }) => {
    const result = await client.query<{ enabled: boolean }>(
      `SELECT rolcanlogin AND (rolvaliduntil IS NULL OR rolvaliduntil > pg_catalog.now()) AS enabled
         FROM pg_catalog.pg_roles WHERE rolname = $1`,
      [request.username],
    );
    return result.rows[0]?.enabled === true;
  });
}
