/**
 * One authenticated ssh2 connection to a target, as a promise. Handles what ssh2 leaves to the
 * caller: a server that drops the connection without an error (an expired account: only
 * `close` arrives), cancellation, keyboard-interactive password prompts (PAM), and closing
 * without waiting forever for a dead peer.
 */
import { Socket } from 'node:net';
import { Client } from 'ssh2';
import type { CancelSignal, ConnectionLogin, HostKeyCheck, TargetEndpoint } from '../../plugin-runtime';
import { coalescePacketWrites } from './packet-socket';

export type { HostKeyCheck } from '../../plugin-runtime';

export interface ConnectOptions {
  readonly target: TargetEndpoint;
  readonly login: ConnectionLogin;
  readonly timeoutMs: number;
  readonly signal?: CancelSignal;
  readonly hostKeyCheck?: HostKeyCheck;
}

/** Connecting or logging in failed, or was canceled. The message never holds a secret. */
export class SshConnectError extends Error {
  constructor(
    message: string,
    readonly canceled = false,
    /** The server answered and refused the login (authentication, or PAM closing it after). */
    readonly loginRefused = false,
  ) {
    super(message);
    this.name = 'SshConnectError';
  }
}

export interface SshConnection {
  readonly client: Client;
  readonly closed: boolean;
  onClose(listener: () => void): void;
  /** Ends the connection and waits for the socket to close (at most a moment). */
  close(): Promise<void>;
  /** Drops the socket at once (a canceled or timed-out check). */
  destroy(): void;
  /**
   * Nothing to put back: each use opens its own channel (a fresh process on the target), so a
   * kept connection carries no state from the last one. Always true.
   */
  reset(): Promise<boolean>;
  /** Whether neither side has closed it. */
  alive(): boolean;
  /** Whether the socket keeps the process alive: not while it waits, kept, for the next check. */
  hold(on: boolean): void;
}

/** A peer that does not answer our close within this long gets its socket destroyed. */
const closeGraceMs = 2000;

function describeError(error: Error & { level?: string }, where: string, timeoutMs: number): string {
  if (error.level === 'client-timeout') return `${where}: no answer within ${timeoutMs / 1000} s`;
  if (error.level === 'client-authentication') return `${where}: authentication failed (${error.message})`;
  if (/host denied/i.test(error.message)) return `${where}: the server's host key is not the device's`;
  return `${where}: ${error.message}`;
}

export function connectSsh(options: ConnectOptions): Promise<SshConnection> {
  const { target, login, timeoutMs, signal } = options;
  const where = `${login.username}@${target.host}:${target.port}`;
  const client = new Client();
  // Our own socket, so that a kept connection can stop holding the process open (hold below), and
  // so that a packet's pieces go out in one segment (coalescePacketWrites, after connect).
  const socket = new Socket();
  let closed = false;
  const closeListeners = new Set<() => void>();
  let lastError: (Error & { level?: string }) | undefined;
  /** Why the host key check refused the server, when it did. */
  let refusal: string | undefined;
  // ssh2 emits 'error' at any time (a reset after login too): without a listener it would throw.
  client.on('error', (error) => (lastError = error));
  client.once('close', () => {
    closed = true;
    for (const listener of closeListeners) listener();
  });

  const connection: SshConnection = {
    client,
    get closed() {
      return closed;
    },
    onClose: (listener) => {
      if (closed) listener();
      else closeListeners.add(listener);
    },
    destroy: () => client.destroy(),
    reset: () => Promise.resolve(true),
    alive: () => !closed && !socket.destroyed,
    hold: (on) => {
      if (on) socket.ref();
      else socket.unref();
    },
    close: () =>
      new Promise((resolve) => {
        if (closed) {
          resolve();
          return;
        }
        const force = setTimeout(() => client.destroy(), closeGraceMs);
        closeListeners.add(() => {
          clearTimeout(force);
          resolve();
        });
        client.end();
      }),
  };

  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      client.destroy();
      reject(new SshConnectError(`${where}: canceled`, true));
    };
    if (signal?.aborted) {
      reject(new SshConnectError(`${where}: canceled`, true));
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (): void => signal?.removeEventListener('abort', onAbort);

    client.once('ready', () => {
      settle();
      // Conversations write a few bytes at a time and wait for the answer: Nagle only adds delay.
      client.setNoDelay(true);
      resolve(connection);
    });
    client.once('close', () => {
      settle();
      // Only 'close' (no error) is how sshd ends a login PAM refused after authentication.
      const reason =
        refusal !== undefined
          ? `${where}: ${refusal}`
          : lastError
            ? describeError(lastError, where, timeoutMs)
            : `${where}: the server closed the connection during login`;
      const refused = refusal === undefined && (!lastError || lastError.level === 'client-authentication');
      reject(new SshConnectError(reason, false, refused));
    });
    if (login.password !== undefined) {
      const password = login.password;
      client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) => {
        finish(prompts.map(() => password));
      });
    }
    try {
      // ssh2 starts its handshake on the socket's 'connect', and its readyTimeout still applies.
      socket.connect({ host: target.host, port: target.port });
      coalescePacketWrites(socket);
      client.connect({
        sock: socket,
        host: target.host,
        port: target.port,
        username: login.username,
        password: login.password,
        privateKey: login.privateKey,
        passphrase: login.passphrase,
        tryKeyboard: login.password !== undefined,
        readyTimeout: timeoutMs,
        hostVerifier: options.hostKeyCheck
          ? (key: Buffer, verify: (valid: boolean) => void) => {
              const check = options.hostKeyCheck;
              Promise.resolve(check ? check(target, key) : false).then(
                (verdict) => {
                  if (verdict !== true) refusal = typeof verdict === 'string' ? verdict : undefined;
                  verify(verdict === true);
                },
                () => verify(false),
              );
            }
          : undefined,
      });
    } catch (error) {
      // ssh2 throws at once for a private key it cannot parse.
      settle();
      socket.destroy();
      const reason = error instanceof Error ? error.message : 'invalid connection settings';
      reject(new SshConnectError(`${where}: ${reason}`));
    }
  });
}
