/**
 * The stream multiplexer both ends run (shared/contract/streams.ts): its frames, the credit that
 * bounds what a sender may have in flight, close from either end, and a peer that breaks the rules.
 * Two muxes are wired back to back, as the core and the renderer are over a socket.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeStreamFrame,
  encodeStreamFrame,
  streamMaxChunkBytes,
  StreamMux,
  streamWindowBytes,
  type StreamCloseReason,
  type StreamEnd,
} from '../../../shared/contract/streams';

/** Two ends; frames from one go to the other when `deliver` is called (a socket the test drives). */
function pair() {
  const toRenderer: Uint8Array[] = [];
  const toCore: Uint8Array[] = [];
  const problems: string[] = [];
  const core = new StreamMux((frame) => toRenderer.push(frame), { onProblem: (p) => problems.push(p) });
  const renderer = new StreamMux((frame) => toCore.push(frame), { acceptUnknown: true });
  const deliver = () => {
    while (toRenderer.length > 0 || toCore.length > 0) {
      for (let f = toRenderer.shift(); f; f = toRenderer.shift()) renderer.receive(f);
      for (let f = toCore.shift(); f; f = toCore.shift()) core.receive(f);
    }
  };
  return { core, renderer, deliver, toRenderer, toCore, problems };
}

const bytes = (n: number, fill = 120) => new Uint8Array(n).fill(fill);
const opened = (mux: StreamMux): StreamEnd => {
  const stream = mux.open();
  if (!stream) throw new Error('no stream');
  return stream;
};

describe('stream frames', () => {
  it('round-trips data, ack and close frames', () => {
    const data = decodeStreamFrame(encodeStreamFrame({ type: 'data', id: 7, bytes: bytes(3, 65) }));
    expect(data).toEqual({ type: 'data', id: 7, bytes: bytes(3, 65) });
    expect(decodeStreamFrame(encodeStreamFrame({ type: 'ack', id: 0xffffffff, count: 1234 }))).toEqual({
      type: 'ack',
      id: 0xffffffff,
      count: 1234,
    });
    expect(decodeStreamFrame(encodeStreamFrame({ type: 'close', id: 2, reason: 'protocol' }))).toEqual({
      type: 'close',
      id: 2,
      reason: 'protocol',
    });
  });

  it('refuses short, empty, oversized and unknown frames with a reason', () => {
    expect(decodeStreamFrame(new Uint8Array([0, 0, 0]))).toMatch(/shorter than its header/);
    expect(decodeStreamFrame(new Uint8Array([0, 0, 0, 0, 1]))).toMatch(/data frame of 0 bytes/);
    const big = new Uint8Array(5 + streamMaxChunkBytes + 1);
    expect(decodeStreamFrame(big)).toMatch(/data frame of/);
    expect(decodeStreamFrame(new Uint8Array([1, 0, 0, 0, 1, 0]))).toMatch(/ack frame/);
    expect(decodeStreamFrame(new Uint8Array([2, 0, 0, 0, 1, 9]))).toMatch(/known reason/);
    expect(decodeStreamFrame(new Uint8Array([7, 0, 0, 0, 1, 0]))).toMatch(/Unknown stream frame type 7/);
  });
});

describe('stream credit', () => {
  it('sends at most a window unacked; the rest waits here until the consumer is done', () => {
    const { core, renderer, deliver, toRenderer } = pair();
    const out = opened(core);
    const pending: (() => void)[] = [];
    let received = 0;
    renderer.attach(out.id).onData((chunk, done) => {
      received += chunk.byteLength;
      pending.push(done); // a slow consumer: nothing is finished yet
    });
    let drained = 0;
    out.onDrain(() => drained++);

    expect(out.write(bytes(streamWindowBytes * 3))).toBe(false);
    const inFlight = toRenderer.reduce((n, f) => n + f.byteLength - 5, 0);
    expect(inFlight).toBe(streamWindowBytes);
    expect(out.queuedBytes).toBe(streamWindowBytes * 2);
    deliver();
    expect(received).toBe(streamWindowBytes);
    expect(out.queuedBytes).toBe(streamWindowBytes * 2);

    // The consumer finishes as it can; each finished quarter window is credit back.
    while (pending.length > 0) {
      for (let done = pending.shift(); done; done = pending.shift()) done();
      deliver();
    }
    expect(received).toBe(streamWindowBytes * 3);
    expect(out.queuedBytes).toBe(0);
    expect(drained).toBe(1);
    expect(out.write(bytes(10))).toBe(true);
  });

  it('keeps data that arrives before the listener for it, in order', () => {
    const { core, renderer, deliver } = pair();
    const out = opened(core);
    out.write(new Uint8Array([1, 2]));
    out.write(new Uint8Array([3]));
    deliver();
    const seen: number[] = [];
    renderer.attach(out.id).onData((chunk, done) => {
      seen.push(...chunk);
      done();
    });
    expect(seen).toEqual([1, 2, 3]);
  });

  it('closes the stream of a peer that sends beyond its credit, and says why', () => {
    const { core, problems } = pair();
    const stream = opened(core);
    const reasons: StreamCloseReason[] = [];
    stream.onClose((r) => reasons.push(r));
    stream.onData(() => undefined); // never done: no credit goes back
    for (let sent = 0; sent <= streamWindowBytes; sent += streamMaxChunkBytes)
      core.receive(encodeStreamFrame({ type: 'data', id: stream.id, bytes: bytes(streamMaxChunkBytes) }));
    expect(reasons).toEqual(['protocol']);
    expect(stream.closed).toBe(true);
    expect(problems.join()).toMatch(/beyond its credit/);
    expect(core.get(stream.id)).toBeUndefined();
  });

  it('closes the stream of a peer that acks more than was sent', () => {
    const { core, problems } = pair();
    const stream = opened(core);
    stream.write(bytes(10));
    core.receive(encodeStreamFrame({ type: 'ack', id: stream.id, count: 11 }));
    expect(stream.closed).toBe(true);
    expect(problems.join()).toMatch(/acked 11 bytes of 10/);
  });
});

describe('stream close', () => {
  it('closes from either end; the other end hears it once', () => {
    const { core, renderer, deliver } = pair();
    const a = opened(core);
    const heardA: StreamCloseReason[] = [];
    a.onClose((r) => heardA.push(r));
    const b = opened(core);
    const heardB: StreamCloseReason[] = [];
    b.onClose((r) => heardB.push(r));
    a.write(bytes(1));
    b.write(bytes(1));
    deliver();

    renderer.attach(a.id).close();
    deliver();
    expect(heardA).toEqual(['normal']);
    expect(core.get(a.id)).toBeUndefined();

    const rb = renderer.attach(b.id);
    const heardRb: StreamCloseReason[] = [];
    rb.onClose((r) => heardRb.push(r));
    b.close();
    deliver();
    expect(heardRb).toEqual(['normal']);
    expect(heardB).toEqual(['normal']);
  });

  it('a graceful close waits for what is queued to be sent first', () => {
    const { core, renderer, deliver } = pair();
    const out = opened(core);
    let received = 0;
    let closedWith: StreamCloseReason | undefined;
    const into = renderer.attach(out.id);
    into.onData((chunk, done) => {
      received += chunk.byteLength;
      done();
    });
    into.onClose((r) => (closedWith = r));
    out.write(bytes(streamWindowBytes + 100));
    out.close();
    expect(out.closed).toBe(false);
    deliver();
    expect(received).toBe(streamWindowBytes + 100);
    expect(closedWith).toBe('normal');
    expect(out.closed).toBe(true);
  });

  it('closeAll closes every stream as disconnected, telling no one (the connection is gone)', () => {
    const { core, toRenderer } = pair();
    const streams = [opened(core), opened(core)];
    const heard: StreamCloseReason[] = [];
    for (const s of streams) s.onClose((r) => heard.push(r));
    core.closeAll();
    expect(heard).toEqual(['disconnected', 'disconnected']);
    expect(toRenderer).toHaveLength(0);
    expect(core.stats()).toEqual({ streams: 0, queuedBytes: 0 });
  });

  it('opens and attaches nothing live after closeAll: a late open cannot outlive its connection', () => {
    const { core, renderer, toRenderer } = pair();
    core.closeAll();
    renderer.closeAll();
    expect(core.closed).toBe(true);
    expect(core.open()).toBeUndefined();
    const late = renderer.attach(5);
    expect(late.closed).toBe(true);
    expect(late.write(bytes(1))).toBe(false);
    const heard: StreamCloseReason[] = [];
    late.onClose((r) => heard.push(r));
    expect(heard).toEqual(['disconnected']);
    renderer.receive(encodeStreamFrame({ type: 'data', id: 6, bytes: bytes(1) }));
    expect(renderer.stats().streams).toBe(0);
    expect(toRenderer).toHaveLength(0);
  });

  it('destroys a closed stream whose queue still waits for credit once its close timeout runs', () => {
    const timers: { run: () => void; ms: number; cancelled: boolean }[] = [];
    const core = new StreamMux(() => undefined, {
      maxStreams: 1,
      closeTimeout: {
        ms: 30_000,
        schedule: (run, ms) => {
          const timer = { run, ms, cancelled: false };
          timers.push(timer);
          return () => (timer.cancelled = true);
        },
      },
    });
    const out = opened(core);
    out.write(bytes(streamWindowBytes + 10)); // the peer never acks: 10 bytes wait
    out.close();
    expect(out.closed).toBe(false);
    expect(core.open()).toBeUndefined();
    expect(timers.map((t) => t.ms)).toEqual([30_000]);
    timers[0]?.run();
    expect(out.closed).toBe(true);
    expect(core.stats()).toEqual({ streams: 0, queuedBytes: 0 });
    expect(core.open()).toBeDefined();
  });

  it('ignores frames for ids it does not know, unless it accepts them (the renderer)', () => {
    const { core, problems } = pair();
    core.receive(encodeStreamFrame({ type: 'data', id: 99, bytes: bytes(4) }));
    expect(core.get(99)).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('opens no more streams than allowed', () => {
    const mux = new StreamMux(() => undefined, { maxStreams: 2 });
    expect(mux.open()).toBeDefined();
    expect(mux.open()).toBeDefined();
    expect(mux.open()).toBeUndefined();
  });
});
