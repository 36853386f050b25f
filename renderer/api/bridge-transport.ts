import type { ApiTransport, EventName, EventPayload, MethodInput, MethodName } from '../../shared/contract';
import { bridgeGlobalName, type Bridge } from '../../shared/contract/bridge';
import { StreamMux, streamPortMessageKey, type StreamEnd } from '../../shared/contract/streams';

/** The preload's bridge, when the renderer runs inside the Electron shell. */
export function findBridge(): Bridge | undefined {
  return (window as unknown as Record<string, Bridge | undefined>)[bridgeGlobalName];
}

/** How long a stream's port may take to arrive after the call that opened it answered. */
const portWaitMs = 10_000;

/**
 * Electron's streams: the main process posts each stream's MessagePort to this window (through
 * the preload), possibly after the call's answer; `stream(id)` waits for it.
 */
function portStreams(): (id: number) => Promise<StreamEnd | undefined> {
  const arrived = new Map<number, StreamEnd>();
  const waiting = new Map<number, (stream: StreamEnd) => void>();
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data;
    const port = event.ports[0];
    if (event.source !== window || port === undefined || typeof data !== 'object' || data === null) return;
    const id = (data as Record<string, unknown>)[streamPortMessageKey];
    if (typeof id !== 'number') return;
    const mux = new StreamMux((frame) => port.postMessage(frame, [frame.buffer]), { acceptUnknown: true });
    port.onmessage = (message: MessageEvent<unknown>) => {
      if (message.data instanceof Uint8Array) mux.receive(message.data);
    };
    const stream = mux.attach(id);
    stream.onClose(() => port.close());
    const resolve = waiting.get(id);
    waiting.delete(id);
    if (resolve) resolve(stream);
    else arrived.set(id, stream);
  });
  return (id) => {
    const stream = arrived.get(id);
    arrived.delete(id);
    if (stream) return Promise.resolve(stream);
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      setTimeout(() => {
        if (waiting.delete(id)) resolve(undefined);
      }, portWaitMs);
    });
  };
}

export function bridgeTransport(bridge: Bridge): ApiTransport {
  const stream = portStreams();
  return {
    call: <M extends MethodName>(method: M, input: MethodInput<M>) =>
      (bridge.methods[method] as (i: MethodInput<M>) => ReturnType<ApiTransport['call']>)(input),
    subscribe: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) =>
      (bridge.events[event] as (l: (p: EventPayload<E>) => void) => () => void)(listener),
    stream,
  } as ApiTransport;
}
