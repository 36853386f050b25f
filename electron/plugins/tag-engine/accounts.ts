import type { AccountLoginRequest, AccountRequest } from '../plugin-runtime';
import { messageOf } from './failures';
import { defaultTimeouts, guarded, Interrupted } from './interrupt';
import { lingerKey, type Reusable } from './linger';
import { Masker } from './mask';

/** An accountExists/endSessions failure: connect, query or timeout. The message is masked. */
export class AccountCheckFailed extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AccountCheckFailed';
  }
}

/** What an account check needs of a connection; a Reusable one can also be kept. */
export interface AccountConnection {
  destroy(): void;
  close(): Promise<void>;
}

/** Where connections wait between calls: the ConnectionLinger or the ConnectionPool. */
export interface KeptConnections<C> {
  readonly generation: number;
  take(key: string): Promise<C | undefined>;
  park(key: string, connection: C, reset: boolean, since?: number): Promise<void>;
}

const isReusable = <C extends AccountConnection>(connection: C): connection is C & Reusable =>
  'reset' in connection && 'alive' in connection && 'hold' in connection;

/**
 * Runs `work` on a connection for an account check (the one a run just left, if any, else a new
 * one), under the default read timeout and the request's signal, and keeps the connection for the
 * next check. Any failure comes out as AccountCheckFailed, masked.
 */
export async function withAccountConnection<C extends AccountConnection, T>(
  request: AccountRequest,
  what: string,
  connections: {
    readonly linger?: KeptConnections<C & Reusable> | undefined;
    readonly open: () => Promise<C>;
  },
  work: (connection: C) => Promise<T>,
): Promise<T> {
  // A login probe (AccountLoginRequest) also carries the account's own password: masked too.
  const probed = 'password' in request && typeof request.password === 'string' ? request.password : undefined;
  const masker = new Masker(
    [request.login.password, request.login.privateKey, request.login.passphrase, probed].filter(
      (s) => s !== undefined,
    ),
  );
  const key = lingerKey(request.target, request.login);
  const since = connections.linger?.generation;
  const attempt = async (connection: C): Promise<T> => {
    try {
      const result = await guarded(work(connection), {
        signal: request.signal,
        timeoutSeconds: defaultTimeouts.readSeconds,
        what,
        onInterrupt: () => connection.destroy(),
      });
      // The checks change no session state: no reset needed before keeping it.
      if (connections.linger !== undefined && isReusable(connection))
        await connections.linger.park(key, connection, false, since);
      else await connection.close();
      return result;
    } catch (error) {
      await connection.close();
      throw error;
    }
  };
  try {
    const kept = await connections.linger?.take(key);
    if (kept !== undefined) {
      try {
        return await attempt(kept);
      } catch (error) {
        // A kept connection the target dropped meanwhile (a restart, a network cut) fails where a
        // new login would not: one more try on a new one, unless the caller canceled. The checks
        // are reads, or endSessions, which is the same done twice.
        if (error instanceof Interrupted && error.kind === 'canceled') throw error;
      }
    }
    return await attempt(await connections.open());
  } catch (error) {
    throw new AccountCheckFailed(masker.mask(`${what}: ${messageOf(error)}`), { cause: error });
  }
}

/**
 * Logs in as the account itself with the session's password, and closes at once: true when the
 * target lets it in, false when it refuses that login (`refused` tells a refusal from the rest),
 * AccountCheckFailed (masked) when the target could not be asked.
 */
export async function probeAccountLogin(
  request: AccountLoginRequest,
  open: () => Promise<AccountConnection>,
  refused: (error: unknown) => boolean,
): Promise<boolean> {
  const masker = new Masker(
    [request.password, request.login.password, request.login.privateKey].filter((s) => s !== undefined),
  );
  try {
    const connection = await open();
    await connection.close();
    return true;
  } catch (error) {
    if (refused(error)) return false;
    throw new AccountCheckFailed(masker.mask(`logging in as the account: ${messageOf(error)}`), {
      cause: error,
    });
  }
}
