import { createHmac, randomBytes } from 'node:crypto';
import type { ConnectionLogin, TargetEndpoint } from '../plugin-runtime';

/** A connection that can wait, idle, for the next call with the same target and login. */
export interface Reusable {
  /** Puts the session back as a fresh login left it; false when it cannot (it is then closed). */
  reset(): Promise<boolean>;
  /** Whether neither side has closed it. */
  alive(): boolean;
  /** Whether the socket keeps the process alive: not while it waits idle. */
  hold(on: boolean): void;
  destroy(): void;
  close(): Promise<void>;
}

/** How long a connection waits for the next call: the verify that follows a run, not a pool. */
const DEFAULT_IDLE_MS = 5000;

/**
 * Keeps the last connection of each target and login for a few seconds after a run, for the
 * accountExists/endSessions that the lifecycle calls right after: a second login (SCRAM, the
 * native handshake) would cost as much as the whole template. A run never takes a kept connection:
 * it always starts from a fresh login.
 */
export class ConnectionLinger<C extends Reusable> {
  private readonly parked = new Map<string, Parked<C>>();
  /** Counts closeAll() calls: a connection in use during one (a run when Lock came) is not kept. */
  #generation = 0;

  /** `idleMs`: how long a parked connection waits before it is closed. */
  constructor(private readonly idleMs = DEFAULT_IDLE_MS) {}

  /** Read when the use starts, passed to park(): a closeAll() in between means close, not keep. */
  get generation(): number {
    return this.#generation;
  }

  /**
   * The kept connection for `key`, once its reset is done, if it is still alive and the reset
   * worked; the caller then owns it. Otherwise undefined (and the connection is closed).
   */
  async take(key: string): Promise<C | undefined> {
    const entry = this.parked.get(key);
    if (entry === undefined) return undefined;
    this.parked.delete(key);
    clearTimeout(entry.timer);
    entry.connection.hold(true);
    if (!(await entry.ready) || !entry.connection.alive()) {
      await entry.connection.close();
      return undefined;
    }
    return entry.connection;
  }

  /**
   * Keeps `connection` for the next call, or closes it when it is dead. With `reset`, the reset
   * starts now and is waited for by the next take(): the run that parks does not wait for it.
   */
  park(key: string, connection: C, reset: boolean, since?: number): Promise<void> {
    if (!connection.alive() || (since !== undefined && since !== this.#generation)) return connection.close();
    const previous = this.parked.get(key);
    if (previous !== undefined) {
      this.parked.delete(key);
      clearTimeout(previous.timer);
      void previous.ready.then(() => previous.connection.close());
    }
    const ready = reset ? connection.reset() : Promise.resolve(true);
    connection.hold(false);
    const timer = setTimeout(() => {
      if (this.parked.get(key)?.connection !== connection) return;
      this.parked.delete(key);
      void ready.then(() => connection.close());
    }, this.idleMs);
    timer.unref();
    this.parked.set(key, { connection, ready, timer });
    return Promise.resolve();
  }

  /** Closes every kept connection (on shutdown). */
  async closeAll(): Promise<void> {
    this.#generation++;
    const entries = [...this.parked.values()];
    this.parked.clear();
    for (const entry of entries) clearTimeout(entry.timer);
    await Promise.all(entries.map(async (entry) => entry.ready.then(() => entry.connection.close())));
  }
}

interface Parked<C> {
  readonly connection: C;
  /** The reset started when it was parked: true when it worked. Never rejects. */
  readonly ready: Promise<boolean>;
  readonly timer: NodeJS.Timeout;
}

const keyKey = randomBytes(32);

/**
 * Which kept connection a call may use: same server, same login, same secret. Two hashes,
 * `<server and login>.<secret>`, so that a pool can tell a changed password from another login
 * (and close what the old one opened) without holding either password.
 */
export function lingerKey(target: TargetEndpoint, login: ConnectionLogin): string {
  // Keyed with this process's random key: a heap dump's keys cannot be tried against a word list.
  const hash = (parts: unknown[]): string =>
    createHmac('sha256', keyKey).update(JSON.stringify(parts)).digest('hex');
  const who = hash([target.host, target.port, login.username, login.database ?? '']);
  return `${who}.${hash([login.password ?? '', login.privateKey ?? '', login.passphrase ?? ''])}`;
}
