import type { RowDataPacket } from 'mysql2';
import type { AccountLoginRequest, AccountRequest } from '../plugin-runtime';
import { ConnectFailed, defaultTimeouts, probeAccountLogin, withAccountConnection } from '../tag-engine';
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

/**
 * The user name as a hex literal (its UTF-8 bytes): nothing to escape, so the query means the same
 * whatever the session's sql_mode (NO_BACKSLASH_ESCAPES changes what a quoted literal means) or
 * character set; and one round trip, where a prepared statement takes two. The columns compared
 * hold utf8mb3 text, whose bytes are UTF-8's for every name an account can have.
 */
const hexLiteral = (text: string): string => `X'${Buffer.from(text, 'utf8').toString('hex')}'`;

/** Any host: the account is the user name, wherever it may connect from. */
export function mysqlAccountExists(request: AccountRequest): Promise<boolean> {
  return withMysql(request, 'checking the account', async ({ client }) => {
    const [rows] = await client.query<RowDataPacket[]>(
      `SELECT 1 FROM mysql.user WHERE User = ${hexLiteral(request.username)} LIMIT 1`,
    );
    return rows.length > 0;
  });
}

async function sessionIds(connection: MysqlConnection, username: string): Promise<number[]> {
  const [rows] = await connection.client.query<RowDataPacket[]>(
    `SELECT ID AS id FROM information_schema.PROCESSLIST WHERE USER = ${hexLiteral(username)} AND ID <> CONNECTION_ID()`,
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

/**
 * The server's answers that refuse a login: access denied (1045, or 1698 for some names), the
 * account locked (4151, under a misleading code name in mysql2: matched on errno), the password
 * expired (1862). Anything else (unreachable, a timeout) is not an answer.
 */
const REFUSED_LOGIN = new Set([1045, 1698, 4151, 1862]);

function loginRefused(error: unknown): boolean {
  const cause = error instanceof ConnectFailed ? error.cause : undefined;
  return REFUSED_LOGIN.has(Number(errnoOf(cause)));
}

/** Connects as the account itself, to no database (a new account may have rights on none). */
export function mysqlAccountLogsIn(request: AccountLoginRequest): Promise<boolean> {
  const login = { username: request.username, password: request.password };
  return probeAccountLogin(
    request,
    () => openMysql({ target: request.target, login, timeouts: defaultTimeouts, signal: request.signal }),
    loginRefused,
  );
}

/** "Table doesn't exist": MySQL has no mysql.global_priv. */
const ER_NO_SUCH_TABLE = 1146;

/**
 * The lock the built-in Credential enable/disable templates switch (ACCOUNT UNLOCK / LOCK), on the
 * account they name, user@'%': MariaDB keeps it in mysql.global_priv's JSON (its mysql.user view
 * has no such column), MySQL in mysql.user.account_locked. No such account: false.
 */
export function mysqlAccountEnabled(request: AccountRequest): Promise<boolean> {
  const user = hexLiteral(request.username);
  return withMysql(request, 'reading the account\u2019s lock', async ({ client }) => {
    let rows: RowDataPacket[];
    try {
      [rows] = await client.query<RowDataPacket[]>(
        `SELECT IF(JSON_VALUE(Priv, '$.account_locked') IN ('true', '1'), 'Y', 'N') AS locked
           FROM mysql.global_priv WHERE User = ${user} AND Host = '%'`,
      );
    } catch (error) {
      if (errnoOf(error) !== ER_NO_SUCH_TABLE) throw error;
      [rows] = await client.query<RowDataPacket[]>(
        `SELECT account_locked AS locked FROM mysql.user WHERE User = ${user} AND Host = '%'`,
      );
    }
    return rows.length > 0 && String(rows[0]?.locked).toUpperCase() === 'N';
  });
}
