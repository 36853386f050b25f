import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionLinger, lingerKey, type Reusable } from '../../../../electron/plugins/tag-engine';

/** A connection stand-in that records what the linger does to it (the logic under test is the linger's). */
class Recorded implements Reusable {
  readonly calls: string[] = [];
  constructor(
    private live = true,
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

describe('ConnectionLinger', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('does not keep a connection that was in use while everything was closed (a run when Lock came)', async () => {
    const linger = new ConnectionLinger<Recorded>();
    const key = lingerKey({ host: 'ldap', port: 389 }, { username: 'cn=admin', password: 'pw' });
    const since = linger.generation;
    const inUse = new Recorded();
    await linger.closeAll();
    await linger.park(key, inUse, true, since);
    expect(inUse.calls).toEqual(['close']);
    expect(await linger.take(key)).toBeUndefined();
  });

  it('keeps a reset connection, unreferenced, and hands it over once', async () => {
    const linger = new ConnectionLinger<Recorded>();
    const connection = new Recorded();
    await linger.park('k', connection, true);
    expect(connection.calls).toEqual(['reset', 'unref']);
    expect(await linger.take('k')).toBe(connection);
    expect(connection.calls).toEqual(['reset', 'unref', 'ref']);
    expect(await linger.take('k')).toBeUndefined();
  });

  it('does not hand over a connection whose reset failed, and closes it', async () => {
    const linger = new ConnectionLinger<Recorded>();
    const stubborn = new Recorded(true, false);
    await linger.park('k', stubborn, true);
    expect(await linger.take('k')).toBeUndefined();
    expect(stubborn.calls.at(-1)).toBe('close');
  });

  it('closes a dead connection instead of keeping it', async () => {
    const linger = new ConnectionLinger<Recorded>();
    const dead = new Recorded(false);
    await linger.park('k', dead, true);
    expect(dead.calls).toEqual(['close']);
    expect(await linger.take('k')).toBeUndefined();
  });

  it('does not hand over a connection that died while kept', async () => {
    const linger = new ConnectionLinger<Recorded>();
    const connection = new Recorded();
    await linger.park('k', connection, false);
    await connection.close();
    expect(await linger.take('k')).toBeUndefined();
  });

  it('closes a kept connection after a few idle seconds, and the older one when a newer is kept', async () => {
    const linger = new ConnectionLinger<Recorded>();
    const first = new Recorded();
    const second = new Recorded();
    await linger.park('k', first, false);
    await linger.park('k', second, false);
    await vi.advanceTimersByTimeAsync(0);
    expect(first.calls).toContain('close');
    await vi.advanceTimersByTimeAsync(5000);
    expect(second.calls.at(-1)).toBe('close');
    expect(await linger.take('k')).toBeUndefined();
  });

  it('keys by server and login, password included, without holding the password', () => {
    const target = { host: 'db', port: 5432 };
    const key = lingerKey(target, { username: 'admin', password: 's3cret' });
    expect(key).toMatch(/^[0-9a-f]{64}\.[0-9a-f]{64}$/);
    expect(lingerKey(target, { username: 'admin', password: 'other' })).not.toBe(key);
    expect(lingerKey(target, { username: 'admin', password: 's3cret', database: 'x' })).not.toBe(key);
  });
});
