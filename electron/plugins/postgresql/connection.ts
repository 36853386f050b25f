import { Socket } from 'node:net';
import pg from 'pg';
import type { CancelSignal, ConnectionLogin, RunTimeouts, TargetEndpoint } from '../plugin-runtime';
import { ConnectFailed, ConnectionPool, guarded, Interrupted, type Reusable } from '../tag-engine';
import type { PgSessionState } from './escape';
import { sendCancelRequest, type BackendKey } from './cancel';
import { describePgError } from './errors';
import { maxServerMessageBytes, watchMessageSizes } from './message-size';
import { NoticeBuffer } from './notices';

/** The database a login connects to when its credential names none. */
export const defaultDatabase = 'postgres';

/** An open connection, with what the server has told us about the session. */
export interface PgConnection extends Reusable {
  readonly client: pg.Client;
  readonly session: PgSessionState;
  /** server_version's major number (15 for "15.8 (Debian …)"), or null if not reported. */
  serverMajor(): number | null;
  /** NOTICE messages since the last `takeNotices` (the latest 100; see NoticeBuffer). */
  takeNotices(): string[];
  /** Asks the server to cancel the running statement (a cancel request); the connection stays. */
  cancel(): Promise<void>;
  /** Cancels the running statement on the server and closes the socket, now. */
  destroy(): void;
  /** Closes politely (or waits for destroy's cancel to be delivered); never throws. */
  close(): Promise<void>;
}

/** Kept connections per server and login, for the runs and account checks (see ConnectionPool). */
export const pgConnections = new ConnectionPool<PgConnection>();

/** How long resetting a connection for reuse may take before it is closed instead. */
const RESET_TIMEOUT_SECONDS = 2;

export interface PgOpenOptions {
  readonly target: TargetEndpoint;
  readonly login: ConnectionLogin;
  readonly timeouts: RunTimeouts;
  readonly signal?: CancelSignal | undefined;
}

/** Connects and logs in. Rejects with ConnectFailed (or Interrupted on timeout or cancel). */
export async function openPg(options: PgOpenOptions): Promise<PgConnection> {
  const { target, login, timeouts, signal } = options;
  const client = new pg.Client({
    host: target.host,
    port: target.port,
    user: login.username,
    password: login.password ?? '',
    database: login.database !== undefined && login.database !== '' ? login.database : defaultDatabase,
    // A backstop only: guarded() below is the deadline that counts.
    connectionTimeoutMillis: timeouts.connectSeconds * 1000 + 1000,
    application_name: 'jit-pam',
  });
  // The messages pg parses: on the socket, or once pg has put TLS on it (PGSSLMODE in the
  // environment asks for it), on the TLS stream; before that the server's answer is one byte.
  const watch = (): void => {
    const { stream } = client.connection;
    if (stream instanceof Socket)
      watchMessageSizes(stream, maxServerMessageBytes, (problem) => stream.destroy(problem));
  };
  if (client.ssl) client.connection.once('sslconnect', watch);
  else watch();
  const session: PgSessionState = { standardConformingStrings: null, clientEncoding: null };
  let serverVersion: string | null = null;
  const notices = new NoticeBuffer();
  // Reported at start and whenever a statement changes them: the escaping follows the live state.
  client.connection.on('parameterStatus', (message: { parameterName: string; parameterValue: string }) => {
    if (message.parameterName === 'standard_conforming_strings') {
      session.standardConformingStrings = message.parameterValue === 'on';
    } else if (message.parameterName === 'client_encoding') {
      session.clientEncoding = message.parameterValue;
    } else if (message.parameterName === 'server_version') {
      serverVersion = message.parameterValue;
    }
  });
  let backendKey: BackendKey | null = null;
  client.connection.on('backendKeyData', (message: { processID: number; secretKey: number }) => {
    backendKey = { processId: message.processID, secretKey: message.secretKey };
  });
  client.on('notice', (notice) => notices.push(notice.message ?? 'notice'));
  // A connection the server ends (pg_terminate_backend) emits 'error'; unhandled, it would crash.
  let gone = false;
  client.on('error', () => {
    gone = true;
  });
  client.on('end', () => {
    gone = true;
  });

  let destroyed = false;
  let canceling: Promise<void> = Promise.resolve();
  /** Stops what the backend runs (a cancel request) and drops the socket. */
  const destroy = (): void => {
    if (destroyed) return;
    destroyed = true;
    if (backendKey !== null) canceling = sendCancelRequest(target, backendKey);
    client.connection.stream.destroy();
  };
  try {
    await guarded(client.connect(), {
      signal,
      timeoutSeconds: timeouts.connectSeconds,
      what: `connecting to ${target.host}:${target.port}`,
      onInterrupt: destroy,
    });
  } catch (error) {
    destroy();
    if (error instanceof Interrupted) throw error;
    throw new ConnectFailed(
      `Could not connect to ${target.host}:${target.port} as ${login.username}: ${describePgError(error)}`,
      { cause: error },
    );
  }
  return {
    client,
    session,
    serverMajor: () => {
      const major = serverVersion === null ? NaN : Number.parseInt(serverVersion, 10);
      return Number.isNaN(major) ? null : major;
    },
    takeNotices: () => notices.take(),
    alive: () => !destroyed && !gone,
    hold: (on) => {
      const { stream } = client.connection;
      if (stream instanceof Socket) {
        if (on) stream.ref();
        else stream.unref();
      }
    },
    // Everything a template may have set (settings, role, prepared statements, temp tables); it
    // also fails inside a transaction block, which then must not be kept either.
    reset: () =>
      guarded(client.query('DISCARD ALL'), {
        timeoutSeconds: RESET_TIMEOUT_SECONDS,
        what: 'resetting the session',
        onInterrupt: destroy,
      }).then(
        () => true,
        () => false,
      ),
    cancel: () =>
      backendKey === null || destroyed ? Promise.resolve() : sendCancelRequest(target, backendKey),
    destroy,
    close: async () => {
      if (destroyed) {
        await canceling;
        return;
      }
      if (gone) {
        destroyed = true;
        client.connection.stream.destroy();
        return;
      }
      // end() waits for the server's goodbye; a server that never answers must not hold us.
      const timer = setTimeout(destroy, 2000);
      await client.end().catch(() => undefined);
      clearTimeout(timer);
    },
  };
}
