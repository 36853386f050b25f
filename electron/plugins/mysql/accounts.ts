import type { RowDataPacket } from 'mysql2';
import type { AccountRequest } from '../../../shared/plugins/plugin-runtime';
import { defaultTimeouts, withAccountConnection } from '../tag-engine';
import { mysqlConnections, openMysql, type MysqlConnection } from './connection';

/** "Unknown thread id": the session ended on its own between the listing and the KILL. */
const ER_NO_SUCH_THREAD = 1094;
/** How long endSessions waits for killed sessions to leave the process list. */
const GONE_WITHIN_MS = 5000;
const POLL_MS = 50;

function withMysql<T>(
  request: AccountRequest,
  what: string,
  work: (c: MysqlConnection) => Promise<T>,
): Promise<T> {
  const open = (): Promise<MysqlConnection> =>
    openMysql({
      target: request.target,
      login: request.login,
      timeouts: defaultTimeouts,
      signal: request.signal,
    });
  return withAccountConnection(request, what, { linger: mysqlConnections, open }, work);
}

// The checks use execute(): the name travels as a bound parameter of a prepared statement, so
// its quoting depends on no session setting (sql_mode, character set) a template could have left.

/** Any host: the account is the user name, wherever it may connect from. */
export function mysqlAccountExists(request: AccountRequest): Promise<boolean> {
  return withMysql(request, 'checking the account', async ({ client }) => {
    const [rows] = await client.execute<RowDataPacket[]>('SELECT 1 FROM mysql.user WHERE User = ? LIMIT 1', [
      request.username,
    ]);
    return rows.length > 0;
  });
}

async function sessionIds(connection: MysqlConnection, username: string): Promise<number[]> {
  const [rows] = await connection.client.execute<RowDataPacket[]>(
    'SELECT ID AS id FROM information_schema.PROCESSLIST WHERE USER = ? AND ID <> CONNECTION_ID()',
    [username],
  );
  return rows.map((row) => Number(row.id)).filter((id) => Number.isSafeInteger(id));
}

const errnoOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null && 'errno' in error ? error.errno : undefined;

/**
 * KILLs each session of the user, then waits (briefly) until the server has really let them go:
 * KILL only flags a thread, which notices at its next check. Returns how many are gone.
 */
export function mysqlEndSessions(request: AccountRequest): Promise<number> {
  return withMysql(request, 'ending the account\u2019s sessions', async (connection) => {
    const ids = await sessionIds(connection, request.username);
    for (const id of ids) {
      try {
        // A safe integer from the server's own list: written as a number, nothing to quote.
        await connection.client.query(`KILL CONNECTION ${id}`);
      } catch (error) {
        if (errnoOf(error) !== ER_NO_SUCH_THREAD) throw error;
      }
    }
    const deadline = Date.now() + GONE_WITHIN_MS;
    let left = ids;
    while (left.length > 0 && Date.now() < deadline) {
      const live = new Set(await sessionIds(connection, request.username));
      left = ids.filter((id) => live.has(id));
      if (left.length > 0) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return ids.length - left.length;
  });
}
