import { createHash } from 'node:crypto';
import type { ConnectionLogin, TargetEndpoint } from '../../../shared/plugins/plugin-runtime';

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
const IDLE_MS = 5000;

/**
 * Keeps the last connection of each target and login for a few seconds after a run, for the
 * accountExists/endSessions that the lifecycle calls right after: a second login (SCRAM, the
 * native handshake) would cost as much as the whole template. A run never takes a kept connection:
 * it always starts from a fresh login.
 */
export class ConnectionLinger<C extends Reusable> {
  private readonly parked = new Map<string, { connection: C; timer: NodeJS.Timeout }>();

  /** The kept connection for `key`, if it is still alive; the caller then owns it. */
  take(key: string): C | undefined {
    const entry = this.parked.get(key);
    if (entry === undefined) return undefined;
    this.parked.delete(key);
    clearTimeout(entry.timer);
    if (!entry.connection.alive()) {
      entry.connection.destroy();
      return undefined;
    }
    entry.connection.hold(true);
    return entry.connection;
  }

  /** Keeps `connection` for the next call (after a reset when `reset`), or closes it. */
  async park(key: string, connection: C, reset: boolean): Promise<void> {
    if (!connection.alive() || (reset && !(await connection.reset()))) {
      await connection.close();
      return;
    }
    const previous = this.take(key);
    if (previous !== undefined) void previous.close();
    connection.hold(false);
    const timer = setTimeout(() => {
      if (this.parked.get(key)?.connection !== connection) return;
      this.parked.delete(key);
      void connection.close();
    }, IDLE_MS);
    timer.unref();
    this.parked.set(key, { connection, timer });
  }

  /** Closes every kept connection (on shutdown). */
  async closeAll(): Promise<void> {
    const entries = [...this.parked.values()];
    this.parked.clear();
    for (const entry of entries) clearTimeout(entry.timer);
    await Promise.all(entries.map((entry) => entry.connection.close()));
  }
}

/** Which kept connection a call may use: same server, same login (password included, hashed). */
export function lingerKey(target: TargetEndpoint, login: ConnectionLogin): string {
  const parts = [target.host, target.port, login.username, login.password ?? '', login.database ?? ''];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
