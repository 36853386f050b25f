/**
 * The bounds of one WebSocket connection (electron/host/wire-limits.ts), against the real host over
 * real sockets. The limits are lowered so that each test is small; the code paths are the same.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/compose';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/browser-host';
import type { WireLimits } from '../../../electron/host/wire-limits';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import { wireCloseFellBehind } from '../../../shared/contract/wire';
import { connect, wireClient } from '../../support/host-client';
import { makeTempDir } from '../../support/temp-dir';

const KiB = 1024;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startHost(limits: Partial<WireLimits>): Promise<{ core: Core; host: BrowserHost }> {
  const dir = makeTempDir();
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>JIT</title>');
  const core = createCore({
    dataDir: join(dir.path, 'data'),
    shell: 'browser',
    createBackend: confBackendFactory,
  });
  const host = await startBrowserHost({ core, rendererDir, port: 0, limits });
  cleanups.push(
    () => dir.remove(),
    // Waits for the start-up chores (built-in templates) too: they write into the folder removed next.
    () => core.shutdown(),
    () => host.close(),
  );
  return { core, host };
}

async function open(host: BrowserHost): Promise<WebSocket> {
  const token = new URL(host.url).hash.replace('#token=', '');
  const result = await connect(`ws://127.0.0.1:${host.port}/rpc?token=${token}`, {
    Origin: `http://127.0.0.1:${host.port}`,
  });
  if (!('socket' in result)) throw new Error(`refused with ${result.refused}`);
  cleanups.push(() => result.socket.terminate());
  return result.socket;
}

const closeOf = (socket: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );

/** Holds every call in the core until released: keeps calls in flight for as long as a test needs. */
function holdCalls(core: Core): () => void {
  const dispatch = core.dispatcher.dispatch.bind(core.dispatcher);
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  core.dispatcher.dispatch = async (method, input, context) => {
    await released;
    return dispatch(method, input, context);
  };
  return release;
}

const busy = {
  ok: false,
  code: 'unavailable',
  message: expect.stringContaining('Too many calls in progress on this connection') as unknown,
};

describe('WebSocket limits per connection', () => {
  it('closes a connection that sends a frame above the largest size (1009), and serves one below', async () => {
    const { host } = await startHost({ maxPayloadBytes: 64 * KiB });
    const socket = await open(host);
    const client = wireClient(socket);
    const frame = (id: number, pad: number) =>
      JSON.stringify({ id, method: 'app.info', pad: 'x'.repeat(pad) });
    expect(await client.sendRaw(frame(1, 60 * KiB), 1)).toMatchObject({ ok: true });

    const closed = closeOf(socket);
    socket.send(frame(2, 70 * KiB));
    expect((await closed).code).toBe(1009);
    // Only that connection: the host serves the next one.
    expect(await wireClient(await open(host)).call('app.info')).toMatchObject({ ok: true });
  });

  it('answers calls beyond the in-flight limit at once with a failure value, and takes calls again after', async () => {
    const { core, host } = await startHost({ maxInFlightCalls: 3 });
    const client = wireClient(await open(host));
    const release = holdCalls(core);
    const calls = [1, 2, 3, 4, 5].map(() => client.call('app.info'));

    // The fourth and fifth are refused while the first three are still held in the core.
    expect(await calls[3]).toEqual(busy);
    expect(await calls[4]).toEqual(busy);
    expect(host.connections()).toEqual([expect.objectContaining({ inFlightCalls: 3 })]);
    release();
    for (const call of calls.slice(0, 3)) expect(await call).toMatchObject({ ok: true });
    expect(await client.call('app.info')).toMatchObject({ ok: true });
    expect(host.connections()).toEqual([expect.objectContaining({ inFlightCalls: 0 })]);
  });

  it('refuses a call that would hold more than one largest frame in flight, but always takes one', async () => {
    const { core, host } = await startHost({ maxPayloadBytes: 64 * KiB });
    const client = wireClient(await open(host));
    const release = holdCalls(core);
    const frame = (id: number, pad: number) =>
      JSON.stringify({ id, method: 'app.info', pad: 'x'.repeat(pad) });
    const first = client.sendRaw(frame(1, 40 * KiB), 1);
    expect(await client.sendRaw(frame(2, 40 * KiB), 2)).toEqual(busy);
    const small = client.sendRaw(frame(3, 10), 3);
    release();
    expect(await first).toMatchObject({ ok: true });
    expect(await small).toMatchObject({ ok: true });
  });

  it(
    'stops reading the calls of a connection that does not read its answers, and loses none',
    { timeout: 60_000 },
    async () => {
      const maxBufferedBytes = 64 * KiB;
      const maxInFlightCalls = 8;
      const { host } = await startHost({ maxBufferedBytes, maxInFlightCalls });
      const socket = await open(host);
      const client = wireClient(socket);
      const frameSize = (result: unknown) => JSON.stringify({ id: 99_999, result }).length;
      const before = frameSize(await client.call('templates.list'));

      // The client reads nothing; it sends until the host stops reading it. Without the bound the
      // host would take every call and queue every answer (far beyond what the kernel buffers).
      socket.pause();
      const calls: Promise<unknown>[] = [];
      const cap = (256 * 1024 * KiB) / before;
      const stats = () => host.connections()[0];
      while (!stats()?.readingPaused && calls.length < cap) {
        for (let i = 0; i < 10; i++) calls.push(client.call('templates.list'));
        await nextTurn();
      }
      const whenPaused = stats();

      socket.resume();
      const results = await Promise.all(calls);
      // Every call is answered: with the templates, or (beyond the in-flight limit) "busy".
      for (const result of results) expect(result).toMatchObject({ ok: expect.any(Boolean) as unknown });
      expect(results.filter((r) => (r as { ok: boolean }).ok).length).toBeGreaterThan(0);
      for (const result of results.filter((r) => !(r as { ok: boolean }).ok)) expect(result).toEqual(busy);
      expect(whenPaused).toMatchObject({ readingPaused: true });
      // What was queued when it paused (one answer above the bound), plus the answers of the calls
      // then in the core. The calls the client sent meanwhile waited in its own buffers.
      const largest = Math.max(...results.map(frameSize));
      expect(whenPaused?.bufferedBytes).toBeLessThanOrEqual(
        maxBufferedBytes + (maxInFlightCalls + 1) * largest,
      );
      expect(stats()).toMatchObject({ readingPaused: false, bufferedBytes: 0 });
    },
  );

  it(
    'closes a connection that does not read its events (1013), while another that reads gets them all',
    { timeout: 60_000 },
    async () => {
      const { core, host } = await startHost({ maxBufferedBytes: 1024 * KiB });
      const reader = wireClient(await open(host));
      const stalledSocket = await open(host);
      const stalled = wireClient(stalledSocket);
      stalledSocket.pause();
      const closed = closeOf(stalledSocket);

      const message = 'n'.repeat(64 * KiB);
      let emitted = 0;
      const cap = 2048; // 128 MiB: far beyond the kernel's socket buffers and the bound
      while (host.connections()[1]?.open === true && emitted < cap) {
        core.events.emit('app.notice', { id: String(emitted), level: 'info', message, at: 'now' });
        emitted++;
        await nextTurn();
      }
      expect(host.connections()[1]).toMatchObject({ open: false });
      expect(host.connections()[1]?.bufferedBytes).toBeLessThanOrEqual(1024 * KiB + 2 * message.length);

      stalledSocket.resume();
      expect(await closed).toEqual({
        code: wireCloseFellBehind,
        reason: 'Too far behind: reload to see current data',
      });
      // It had the notices up to about the one that found it too far behind, in order and without a
      // gap (whether that last one went out before the close depends on the event loop's timing).
      const notices = (client: typeof reader) => client.events.filter((e) => e.event === 'app.notice').length;
      const ids = stalled.events
        .filter((e) => e.event === 'app.notice')
        .map((e) => (e.payload as { id: string }).id);
      expect(ids).toEqual(ids.map((_, i) => String(i)));
      expect(ids.length).toBeGreaterThanOrEqual(emitted - 2);
      expect(ids.length).toBeLessThanOrEqual(emitted);
      await expect.poll(() => notices(reader)).toBe(emitted);
      await expect.poll(() => host.connections()).toEqual([expect.objectContaining({ open: true })]);
    },
  );

  it('refuses a connection beyond the limit (503) until one closes', async () => {
    const { host } = await startHost({ maxConnections: 2 });
    const token = new URL(host.url).hash.replace('#token=', '');
    const url = `ws://127.0.0.1:${host.port}/rpc?token=${token}`;
    const headers = { Origin: `http://127.0.0.1:${host.port}` };
    const first = await open(host);
    await open(host);
    expect(await connect(url, headers)).toEqual({ refused: 503 });
    first.close();
    await expect.poll(() => host.connections().length).toBe(1);
    expect(await wireClient(await open(host)).call('app.info')).toMatchObject({ ok: true });
  });
});
