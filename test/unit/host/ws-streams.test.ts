/**
 * Streams over the browser host's WebSocket (electron/host/ws-endpoint.ts), with real sockets: a
 * stream belongs to the connection whose call opened it, binary frames are stream frames only, a
 * socket that closes closes its streams, and a client that does not consume keeps the core's
 * side bounded by the credit. The core behind the endpoint is a stand-in whose `terminal.*`
 * handlers open a stream and produce or echo bytes: the endpoint is what is under test.
 */
import type { AddressInfo } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import WebSocket, { WebSocketServer } from 'ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../electron/core/compose';
import type { CallContext } from '../../../electron/core/handler-types';
import { attachSocket, maxStreamProblems, type SocketEndpoint } from '../../../electron/host/ws-endpoint';
import { defaultWireLimits } from '../../../electron/host/wire-limits';
import {
  encodeStreamFrame,
  StreamMux,
  streamWindowBytes,
  type StreamCloseReason,
  type StreamEnd,
} from '../../../shared/contract/streams';
import { fail, ok, type Result } from '../../../shared/result';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** What the stand-in core's streams did, as its handlers saw it. */
interface CoreSide {
  readonly opened: StreamEnd[];
  readonly received: Map<number, number[]>;
  readonly closed: Map<number, StreamCloseReason>;
  /** Bytes a producer stream could not send yet (what the core holds for a slow client). */
  producerQueued(): number;
  readonly endpoints: SocketEndpoint[];
}

async function startEndpoint(): Promise<{ url: string; side: CoreSide }> {
  const side: CoreSide = {
    opened: [],
    received: new Map(),
    closed: new Map(),
    producerQueued: () => side.opened.reduce((n, s) => n + s.queuedBytes, 0),
    endpoints: [],
  };
  const dispatch = (method: unknown, input: unknown, ctx: CallContext): Promise<Result<unknown>> => {
    const args = input as { bytes?: number; streamId?: number };
    if (method === 'terminal.open') {
      const stream = ctx.streams?.open();
      if (!stream) return Promise.resolve(fail('unavailable', 'no streams'));
      side.opened.push(stream);
      side.received.set(stream.id, []);
      stream.onData((bytes, done) => {
        side.received.get(stream.id)?.push(...bytes);
        done();
      });
      stream.onClose((reason) => side.closed.set(stream.id, reason));
      // A producer that honours backpressure, as the terminal does with ssh2's pause/resume.
      let left = args.bytes ?? 0;
      const produce = () => {
        while (left > 0) {
          const n = Math.min(left, 8192);
          left -= n;
          if (!stream.write(new Uint8Array(n).fill(48 + (left % 10)))) return;
        }
      };
      stream.onDrain(produce);
      setImmediate(produce);
      return Promise.resolve(ok({ streamId: stream.id }));
    }
    if (method === 'terminal.resize') {
      const found = ctx.streams?.get(args.streamId ?? 0);
      return Promise.resolve(found ? ok({}) : fail('not_found', 'not on this connection'));
    }
    return Promise.resolve(fail('unknown_method', 'stand-in'));
  };
  const core = {
    context: (transport: CallContext['transport']) => ({ transport, actor: 'tester' }),
    dispatcher: { dispatch },
  } as unknown as Core;
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  wss.on('connection', (ws) => side.endpoints.push(attachSocket(core, ws, defaultWireLimits)));
  await new Promise((resolve) => wss.once('listening', resolve));
  cleanups.push(() => wss.close());
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, side };
}

/** A client as the renderer's transport is: JSON calls, and a stream mux on the binary frames. */
async function client(url: string, consume = true) {
  const socket = new WebSocket(url);
  cleanups.push(() => socket.terminate());
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const replies = new Map<number, (r: Result<unknown>) => void>();
  const mux = new StreamMux((frame) => socket.send(frame), { acceptUnknown: true });
  const got = new Map<number, number>();
  const held: (() => void)[] = [];
  let nextId = 1;
  socket.on('message', (data: Buffer, isBinary) => {
    if (isBinary) {
      mux.receive(new Uint8Array(data));
      return;
    }
    const message = JSON.parse(data.toString()) as { id: number; result: Result<unknown> };
    replies.get(message.id)?.(message.result);
  });
  return {
    socket,
    mux,
    got,
    /** Consumes what a paused client held back. */
    release: () => {
      for (let done = held.shift(); done; done = held.shift()) done();
    },
    call: (method: string, input: unknown) =>
      new Promise<Result<unknown>>((resolve) => {
        const id = nextId++;
        replies.set(id, resolve);
        socket.send(JSON.stringify({ id, method, input }));
      }),
    listen(id: number) {
      mux.attach(id).onData((bytes, done) => {
        got.set(id, (got.get(id) ?? 0) + bytes.byteLength);
        if (consume) done();
        else held.push(done);
      });
    },
  };
}

async function until(what: string, condition: () => boolean): Promise<void> {
  const end = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`${what}: not within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const streamIdOf = (result: Result<unknown>): number => {
  if (!result.ok) throw new Error(result.message);
  return (result.value as { streamId: number }).streamId;
};

describe('streams on the WebSocket', () => {
  it('carries bytes both ways on the stream the call opened', async () => {
    const { url, side } = await startEndpoint();
    const tab = await client(url);
    const id = streamIdOf(await tab.call('terminal.open', { bytes: 100_000 }));
    tab.listen(id);
    tab.mux.attach(id).write(new TextEncoder().encode('id -un\r'));
    await until('all output', () => tab.got.get(id) === 100_000);
    await until('the input', () => side.received.get(id)?.length === 7);
    expect(String.fromCharCode(...(side.received.get(id) ?? []))).toBe('id -un\r');
  });

  it('belongs to its connection: another tab can neither write to it, resize it nor close it', async () => {
    const { url, side } = await startEndpoint();
    const owner = await client(url);
    const other = await client(url);
    const id = streamIdOf(await owner.call('terminal.open', { bytes: 0 }));
    owner.listen(id);

    other.socket.send(encodeStreamFrame({ type: 'data', id, bytes: new TextEncoder().encode('rm -rf /\r') }));
    other.socket.send(encodeStreamFrame({ type: 'close', id, reason: 'normal' }));
    const resized = await other.call('terminal.resize', { streamId: id });
    expect(resized).toMatchObject({ ok: false, code: 'not_found' });
    // The owner's own frame after the other's: once it has arrived, the other's have been handled.
    owner.mux.attach(id).write(new Uint8Array([33]));
    await until("the owner's byte", () => side.received.get(id)?.length === 1);
    expect(side.received.get(id)).toEqual([33]);
    expect(side.closed.has(id)).toBe(false);
    expect(await owner.call('terminal.resize', { streamId: id })).toMatchObject({ ok: true });
  });

  it('closes its streams when the socket closes', async () => {
    const { url, side } = await startEndpoint();
    const tab = await client(url);
    const id = streamIdOf(await tab.call('terminal.open', { bytes: 0 }));
    tab.socket.close();
    await until('the stream closed', () => side.closed.has(id));
    expect(side.closed.get(id)).toBe('disconnected');
  });

  it('closes from the client with a close frame', async () => {
    const { url, side } = await startEndpoint();
    const tab = await client(url);
    const id = streamIdOf(await tab.call('terminal.open', { bytes: 0 }));
    tab.mux.attach(id).close();
    await until('the stream closed', () => side.closed.has(id));
    expect(side.closed.get(id)).toBe('normal');
    // The connection itself goes on.
    expect(streamIdOf(await tab.call('terminal.open', { bytes: 0 }))).toBeGreaterThan(id);
  });

  it('a client that does not consume gets one window, and the core holds no more than its producer queued', async () => {
    const { url, side } = await startEndpoint();
    const tab = await client(url, false);
    const total = 4 * 1024 * 1024;
    const id = streamIdOf(await tab.call('terminal.open', { bytes: total }));
    tab.listen(id);
    await until('one window', () => tab.got.get(id) === streamWindowBytes);
    for (let i = 0; i < 20; i++) await nextTurn();
    expect(tab.got.get(id)).toBe(streamWindowBytes);
    // The producer stopped at its first refused write: at most one of its writes waits here.
    expect(side.producerQueued()).toBeLessThanOrEqual(8192);
    expect(side.endpoints[0]?.stats().streamQueuedBytes).toBeLessThanOrEqual(8192);
    // Consuming gives credit back: everything arrives, in the end.
    const released = setInterval(() => tab.release(), 1);
    cleanups.push(() => clearInterval(released));
    await until('all output', () => tab.got.get(id) === total);
  });

  it('logs a connection’s malformed frames once, and closes it after too many', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { url } = await startEndpoint();
      const tab = await client(url);
      for (let i = 0; i < 3; i++) tab.socket.send(Buffer.from([9, 9]));
      expect(streamIdOf(await tab.call('terminal.open', { bytes: 0 }))).toBe(1);
      expect(logged).toHaveBeenCalledTimes(1);
      const closed = new Promise<number>((resolve) => tab.socket.once('close', resolve));
      for (let i = 3; i < maxStreamProblems; i++) tab.socket.send(Buffer.from([9, 9]));
      expect(await closed).toBe(1008);
      expect(logged).toHaveBeenCalledTimes(1);
    } finally {
      logged.mockRestore();
    }
  });

  it('refuses binary garbage without harm to the calls', async () => {
    const { url } = await startEndpoint();
    const tab = await client(url);
    tab.socket.send(Buffer.from([9, 9]));
    expect(streamIdOf(await tab.call('terminal.open', { bytes: 0 }))).toBe(1);
  });
});
