import { StreamMux, streamPortMessageKey, type StreamEnd } from '../../shared/contract/streams';

/** How long a stream's port may take to arrive after the call that opened it answered. */
export const portWaitMs = 10_000;

export interface PortStreamsOptions {
  /** Where the preload posts the ports: the page's own window. */
  readonly target: Pick<EventTarget, 'addEventListener'>;
  /** Whether a message came from the preload (this window), not from another frame or page. */
  readonly fromSelf: (event: MessageEvent<unknown>) => boolean;
  readonly waitMs?: number;
}

/**
 * Electron's streams: the main process posts each stream's MessagePort to this window (through
 * the preload), before or after the call that opened it answers; `stream(id)` waits for it.
 *
 * A port nobody takes is closed, which closes the stream in the core (its terminal with it): one
 * that arrives after `stream(id)` gave up waiting, or one that waits `waitMs` for a `stream(id)`
 * that never comes (the view went before the call answered). Neither then holds a terminal open
 * on the target with no view to show it.
 */
export function portStreams(options: PortStreamsOptions): (id: number) => Promise<StreamEnd | undefined> {
  const waitMs = options.waitMs ?? portWaitMs;
  const arrived = new Map<number, StreamEnd>();
  const waiting = new Map<number, (stream: StreamEnd) => void>();
  /** Ids whose stream(id) gave up: their port is closed when it comes. */
  const abandoned = new Set<number>();
  options.target.addEventListener('message', (event) => {
    const message = event as MessageEvent<unknown>;
    const data = message.data;
    const port = message.ports[0];
    if (!options.fromSelf(message) || port === undefined || typeof data !== 'object' || data === null) return;
    const id = (data as Record<string, unknown>)[streamPortMessageKey];
    if (typeof id !== 'number') return;
    const mux = new StreamMux((frame) => port.postMessage(frame, [frame.buffer]), { acceptUnknown: true });
    port.onmessage = (frame: MessageEvent<unknown>) => {
      if (frame.data instanceof Uint8Array) mux.receive(frame.data);
    };
    const stream = mux.attach(id);
    stream.onClose(() => port.close());
    if (abandoned.delete(id)) {
      stream.close();
      return;
    }
    const resolve = waiting.get(id);
    waiting.delete(id);
    if (resolve) {
      resolve(stream);
      return;
    }
    arrived.set(id, stream);
    setTimeout(() => {
      if (arrived.get(id) !== stream) return;
      arrived.delete(id);
      stream.close();
    }, waitMs);
  });
  return (id) => {
    const stream = arrived.get(id);
    arrived.delete(id);
    if (stream) return Promise.resolve(stream);
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      setTimeout(() => {
        if (!waiting.delete(id)) return;
        abandoned.add(id);
        resolve(undefined);
        // Remembered a while longer only: a port this late never comes, and the set stays small.
        setTimeout(() => abandoned.delete(id), waitMs * 6);
      }, waitMs);
    });
  };
}
