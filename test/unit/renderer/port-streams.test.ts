// Electron's stream ports as the page takes them (renderer/api/port-streams.ts), with Node's own
// MessageChannel for the ports the main process posts: early, on time, late, and never asked for.

import { afterEach, describe, expect, it } from 'vitest';
import { StreamMux, streamPortMessageKey, type StreamEnd } from '../../../shared/contract/streams';
import { portStreams } from '../../../renderer/api/port-streams';

/** Short enough to wait out in a test; the page's own is 10 s. */
const waitMs = 50;

describe('Electron stream ports in the page', () => {
  const opened: MessagePort[] = [];
  afterEach(() => {
    for (const port of opened.splice(0)) port.close();
  });

  /** The page's window, and the port that stands for the preload as a message's source. */
  const page = () => {
    const target = new EventTarget();
    const self = new MessageChannel().port1;
    opened.push(self);
    const stream = portStreams({ target, fromSelf: (event) => event.source === self, waitMs });
    return { target, self, stream };
  };

  /**
   * The main process's side of a new stream (as electron/shell/stream-ports.ts makes it): its end,
   * a promise of its close, and the port to post to the page.
   */
  const coreStream = (id: number) => {
    const { port1, port2 } = new MessageChannel();
    opened.push(port1, port2);
    const mux = new StreamMux((frame) => port1.postMessage(frame), { firstId: id });
    port1.onmessage = (event: MessageEvent<unknown>) => {
      if (event.data instanceof Uint8Array) mux.receive(event.data);
    };
    const end = mux.open();
    if (end === undefined) throw new Error('no stream');
    const closed = new Promise<void>((resolve) => end.onClose(() => resolve()));
    return { end, closed, port: port2 };
  };

  const post = (target: EventTarget, source: MessagePort, data: unknown, port?: MessagePort) =>
    target.dispatchEvent(new MessageEvent('message', { data, source, ports: port ? [port] : [] }));

  /** The next bytes the page's end receives, as text. */
  const received = (stream: StreamEnd) =>
    new Promise<string>((resolve) =>
      stream.onData((bytes, done) => {
        done();
        resolve(new TextDecoder().decode(bytes));
      }),
    );

  it('takes a port that came before stream(id) asked, and carries bytes both ways', async () => {
    const { target, self, stream } = page();
    const core = coreStream(7);
    post(target, self, { [streamPortMessageKey]: 7 }, core.port);
    const end = await stream(7);
    if (end === undefined) throw new Error('no stream');
    const text = received(end);
    core.end.write(new TextEncoder().encode('login: '));
    expect(await text).toBe('login: ');
    const back = received(core.end);
    end.write(new TextEncoder().encode('id\r'));
    expect(await back).toBe('id\r');
  });

  it('waits for a port that comes after stream(id) asked', async () => {
    const { target, self, stream } = page();
    const core = coreStream(3);
    const asked = stream(3);
    post(target, self, { [streamPortMessageKey]: 3 }, core.port);
    const end = await asked;
    expect(end?.id).toBe(3);
    end?.close();
    await core.closed;
  });

  it('closes a port that comes after stream(id) gave up: the core closes its terminal', async () => {
    const { target, self, stream } = page();
    expect(await stream(4)).toBeUndefined();
    const core = coreStream(4);
    post(target, self, { [streamPortMessageKey]: 4 }, core.port);
    await core.closed;
    expect(core.end.closed).toBe(true);
  });

  it('closes a port that nobody asks for within the wait', async () => {
    const { target, self } = page();
    const core = coreStream(5);
    post(target, self, { [streamPortMessageKey]: 5 }, core.port);
    await core.closed;
    expect(core.end.closed).toBe(true);
  });

  it('ignores a port from another source, a message without a port, and an id that is not a number', async () => {
    const { target, self, stream } = page();
    const other = new MessageChannel().port1;
    opened.push(other);
    const core = coreStream(6);
    post(target, other, { [streamPortMessageKey]: 6 }, core.port);
    post(target, self, { [streamPortMessageKey]: 6 });
    post(target, self, { [streamPortMessageKey]: '6' }, core.port);
    expect(await stream(6)).toBeUndefined();
    // Nothing took the port: the core's stream is as it was.
    expect(core.end.closed).toBe(false);
  });
});
