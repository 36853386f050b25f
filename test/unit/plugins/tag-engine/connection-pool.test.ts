import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionPool, lingerKey, type Reusable } from '../../../../electron/plugins/tag-engine';
import { POOL_IDLE_MS, POOL_MAX_IDLE } from '../../../../electron/plugins/tag-engine/connection-pool';

/** A connection stand-in that records what the pool does to it (the logic under test is the pool's). */
class Recorded implements Reusable {
  readonly calls: string[] = [];
  constructor(
    public live = true,
    private readonly resets = true,
  ) {}
  reset(): Promise<boolean> {
    this.calls.push('reset');
    return Promise.resolve(this.resets);
  }
  alive(): boolean {
    return this.live;
  }
  hold(on: boolean): void {
    this.calls.push(on ? 'ref' : 'unref');
  }
  destroy(): void {
    this.live = false;
    this.calls.push('destroy');
  }
  close(): Promise<void> {
    this.live = false;
    this.calls.push('close');
    return Promise.resolve();
  }
}

const target = { host: 'db', port: 5432 };
const key = lingerKey(target, { username: 'admin', password: 'old' });
const newKey = lingerKey(target, { username: 'admin', password: 'new' });

describe('ConnectionPool', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('hands a kept connection, reset as it was parked, to one caller at a time', async () => {
    const pool = new ConnectionPool<Recorded>();
    expect(await pool.take(key)).toBeUndefined();
    const connection = new Recorded();
    await pool.park(key, connection);
    expect(connection.calls).toEqual(['reset', 'unref']);
    const [first, second] = await Promise.all([pool.take(key), pool.take(key)]);
    expect(first).toBe(connection);
    // The second concurrent caller gets none: it logs in on its own.
    expect(second).toBeUndefined();
    expect(connection.calls).toEqual(['reset', 'unref', 'ref']);
    // A caller that changed nothing in the session parks it without a reset.
    await pool.park(key, connection, false);
    expect(connection.calls.slice(3)).toEqual(['unref']);
  });

  it('does not keep a connection that was in use while everything was closed (a run when Lock came)', async () => {
    const pool = new ConnectionPool<Recorded>();
    const since = pool.generation;
    expect(await pool.take(key)).toBeUndefined();
    const inUse = new Recorded();
    await pool.closeAll();
    await pool.park(key, inUse, true, since);
    expect(pool.idleCount(key)).toBe(0);
    expect(inUse.calls).toEqual(['close']);
    // A use that starts after the close is kept as before.
    await pool.park(key, new Recorded(), true, pool.generation);
    expect(pool.idleCount(key)).toBe(1);
  });

  it('keeps several per login, for concurrent runs, up to its limit', async () => {
    const pool = new ConnectionPool<Recorded>();
    expect(await pool.take(key)).toBeUndefined();
    const connections = Array.from({ length: POOL_MAX_IDLE + 1 }, () => new Recorded());
    for (const connection of connections) await pool.park(key, connection);
    expect(pool.idleCount(key)).toBe(POOL_MAX_IDLE);
    expect(connections.at(-1)?.calls).toEqual(['close']);
    const taken = await Promise.all(connections.slice(0, 3).map(() => pool.take(key)));
    expect(new Set(taken).size).toBe(3);
  });

  it('closes one whose reset fails or that died while kept, and hands over the next one', async () => {
    const pool = new ConnectionPool<Recorded>();
    const good = new Recorded();
    const stubborn = new Recorded(true, false);
    const dead = new Recorded();
    await pool.park(key, good);
    await pool.park(key, stubborn);
    await pool.park(key, dead);
    dead.live = false;
    expect(await pool.take(key)).toBe(good);
    expect(dead.calls.at(-1)).toBe('close');
    expect(stubborn.calls).toEqual(['reset', 'unref', 'ref', 'close']);
  });

  it('closes an idle connection after its idle time', async () => {
    const pool = new ConnectionPool<Recorded>();
    const connection = new Recorded();
    await pool.park(key, connection);
    await vi.advanceTimersByTimeAsync(POOL_IDLE_MS - 1);
    expect(connection.calls).not.toContain('close');
    await vi.advanceTimersByTimeAsync(1);
    expect(connection.calls.at(-1)).toBe('close');
    expect(await pool.take(key)).toBeUndefined();
  });

  it('closes what the old password opened as soon as the new one is used, and keeps none of it after', async () => {
    const pool = new ConnectionPool<Recorded>();
    expect(await pool.take(key)).toBeUndefined();
    const kept = new Recorded();
    await pool.park(key, kept);
    // A run that was still busy with the old password while it changed.
    const busy = new Recorded();
    expect(await pool.take(newKey)).toBeUndefined();
    expect(kept.calls.at(-1)).toBe('close');
    await pool.park(key, busy);
    expect(busy.calls).toEqual(['close']);
    expect(pool.idleCount(key)).toBe(0);
  });

  it('closes a dead connection instead of keeping it, and all of them on closeAll', async () => {
    const pool = new ConnectionPool<Recorded>();
    const dead = new Recorded(false);
    await pool.park(key, dead);
    expect(dead.calls).toEqual(['close']);
    const a = new Recorded();
    const b = new Recorded();
    await pool.park(key, a);
    await pool.park(newKey, b);
    await pool.closeAll();
    expect([a.calls.at(-1), b.calls.at(-1)]).toEqual(['close', 'close']);
  });
});
