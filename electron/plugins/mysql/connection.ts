import { Socket } from 'node:net';
import mysql from 'mysql2';
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
    // COM_RESET_CONNECTION: session variables (sql_mode, character set), user variables, temporary
    // tables, roles and any open transaction go back to what a fresh login has.
    reset: () =>
      guarded(client.reset(), {
        timeoutSeconds: RESET_TIMEOUT_SECONDS,
        what: 'resetting the session',
        onInterrupt: destroy,
      }).then(
        () => true,
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
