import { Socket } from 'node:net';
import mysql, { type RowDataPacket } from 'mysql2';
import type { CancelSignal, ConnectionLogin, RunTimeouts, TargetEndpoint } from '../plugin-runtime';
import { ConnectFailed, ConnectionPool, guarded, Interrupted, type Reusable } from '../tag-engine';
import { describeMysqlError } from './errors';

export interface MysqlOpenOptions {
  readonly target: TargetEndpoint;
  readonly login: ConnectionLogin;
  readonly timeouts: RunTimeouts;
  readonly signal?: CancelSignal | undefined;
}

export interface MysqlConnection extends Reusable {
  readonly connection: mysql.Connection;
  readonly client: ReturnType<mysql.Connection['promise']>;
  /** Stops the running statement (KILL QUERY from a second connection); the connection stays. */
  cancel(): Promise<void>;
  /** Kills what the connection runs on the server and closes the socket, now. */
  destroy(): void;
  /** Closes politely (or waits for destroy's KILL to be done); never throws. */
  close(): Promise<void>;
}

/** Kept connections per server and login, for the runs and account checks (see ConnectionPool). */
export const mysqlConnections = new ConnectionPool<MysqlConnection>();

/** How long resetting a connection for reuse may take before it is closed instead. */
const RESET_TIMEOUT_SECONDS = 2;

/**
 * KILLs a connection (or only its running statement, QUERY) from a second one, as the mysql client
 * does on Ctrl-C: closing the socket is not enough, the server finishes the statement before it
 * notices. Never rejects.
 */
async function killConnection(
  options: MysqlOpenOptions,
  threadId: number | null,
  what: 'CONNECTION' | 'QUERY' = 'CONNECTION',
): Promise<void> {
  if (threadId === null) return;
  const killer = mysql.createConnection({
    host: options.target.host,
    port: options.target.port,
    user: options.login.username,
    password: options.login.password ?? '',
    connectTimeout: 2000,
  });
  killer.on('error', () => undefined);
  const client = killer.promise();
  const timer = setTimeout(() => killer.destroy(), 3000);
  try {
    await client.query(`KILL ${what} ?`, [threadId]);
  } catch {
    // Already gone, or no right to kill it: the socket is closed anyway.
  } finally {
    clearTimeout(timer);
    await client.end().catch(() => undefined);
  }
}

/** Puts the session back as a fresh login left it; false when a role is still set (see reset). */
async function resetSession(client: MysqlConnection['client']): Promise<boolean> {
  await client.changeUser({});
  const [rows] = await client.query<RowDataPacket[]>('SELECT CURRENT_ROLE() AS role');
  const role: unknown = rows[0]?.role;
  // NULL on MariaDB, 'NONE' on MySQL 8.
  return role === null || role === 'NONE';
}

/** Connects and logs in. Rejects with ConnectFailed (or Interrupted on timeout or cancel). */
export async function openMysql(options: MysqlOpenOptions): Promise<MysqlConnection> {
  const { target, login, timeouts, signal } = options;
  const connection = mysql.createConnection({
    host: target.host,
    port: target.port,
    user: login.username,
    password: login.password ?? '',
    ...(login.database !== undefined && login.database !== '' ? { database: login.database } : {}),
    // A backstop only: guarded() below is the deadline that counts.
    connectTimeout: timeouts.connectSeconds * 1000 + 1000,
    // Said explicitly because the escaping relies on both: utf8mb4, one statement per query.
    charset: 'utf8mb4',
    multipleStatements: false,
  });
  // A connection the server kills emits 'error'; unhandled, it would crash the process.
  let gone = false;
  connection.on('error', () => {
    gone = true;
  });
  connection.on('end', () => {
    gone = true;
  });
  let destroyed = false;
  let connected = false;
  let killing: Promise<void> = Promise.resolve();
  /** Stops what the connection runs (KILL from a second connection) and drops the socket. */
  const destroy = (): void => {
    if (destroyed) return;
    destroyed = true;
    if (connected) killing = killConnection(options, connection.threadId);
    connection.destroy();
  };
  try {
    await guarded(
      new Promise<void>((resolve, reject) => {
        connection.connect((error) => (error ? reject(error) : resolve()));
      }),
      {
        signal,
        timeoutSeconds: timeouts.connectSeconds,
        what: `connecting to ${target.host}:${target.port}`,
        onInterrupt: destroy,
      },
    );
    connected = true;
  } catch (error) {
    destroy();
    if (error instanceof Interrupted) throw error;
    throw new ConnectFailed(
      `Could not connect to ${target.host}:${target.port} as ${login.username}: ${describeMysqlError(error)}`,
      { cause: error },
    );
  }
  const client = connection.promise();
  return {
    connection,
    client,
    alive: () => !destroyed && !gone,
    hold: (on) => {
      const socket = 'stream' in connection ? connection.stream : undefined;
      if (socket instanceof Socket) {
        if (on) socket.ref();
        else socket.unref();
      }
    },
    // COM_CHANGE_USER as the same login: the session is a fresh login's (variables, temporary
    // tables, transaction, and also the database, which COM_RESET_CONNECTION keeps), and the
    // server checks the password again, so a connection whose password a run changed on the
    // target is closed, never kept logged in with the old one. MariaDB keeps the current role
    // even then: a connection with a role set (SET ROLE, or a default role) is closed, not kept.
    reset: () =>
      guarded(resetSession(client), {
        timeoutSeconds: RESET_TIMEOUT_SECONDS,
        what: 'resetting the session',
        onInterrupt: destroy,
      }).then(
        (fresh) => fresh,
        () => false,
      ),
    cancel: () => (destroyed ? Promise.resolve() : killConnection(options, connection.threadId, 'QUERY')),
    destroy,
    close: async () => {
      if (destroyed) {
        await killing;
        return;
      }
      if (gone) {
        destroyed = true;
        connection.destroy();
        return;
      }
      // end() waits for the server's goodbye; a server that never answers must not hold us.
      const timer = setTimeout(destroy, 2000);
      await client.end().catch(() => undefined);
      clearTimeout(timer);
    },
  };
}
