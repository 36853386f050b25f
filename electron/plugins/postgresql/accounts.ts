import type { AccountRequest } from '../plugin-runtime';
import { defaultTimeouts, withAccountConnection } from '../tag-engine';
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
    const major = connection.serverMajor();
    const terminate =
      major !== null && major >= 14
        ? `pg_catalog.pg_terminate_backend(pid, ${TERMINATE_WAIT_MS})`
        : 'pg_catalog.pg_terminate_backend(pid)';
    const result = await connection.client.query<{ ended: boolean }>(
      `SELECT ${terminate} AS ended FROM pg_catalog.pg_stat_activity
        WHERE usename = $1 AND pid <> pg_catalog.pg_backend_pid()`,
      [request.username],
    );
    return result.rows.filter((row) => row.ended).length;
  });
}
