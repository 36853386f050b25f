import type { ApiTransport, EventName, MethodName } from '../../shared/contract';
import { isEventName } from '../../shared/contract';
import {
  wireCloseFellBehind,
  wirePath,
  wireServerMessageSchema,
  wireTokenParam,
} from '../../shared/contract/wire';
import { fail, type Result } from '../../shared/result';
import { StreamMux } from '../../shared/contract/streams';

export type ConnectionState = 'connecting' | 'open' | 'closed';

interface Pending {
  resolve: (r: Result<unknown>) => void;
}

/**
 * The browser host's transport: one WebSocket to the core on the page's own origin, authenticated
 * by the per-launch token. Calls made while connecting wait for the socket; when it closes, pending
 * calls resolve to an `unavailable` failure (never hang) and the state says `closed`.
 */
export function wsTransport(token: string, onState: (s: ConnectionState) => void): ApiTransport {
  const url = `ws://${window.location.host}${wirePath}?${wireTokenParam}=${encodeURIComponent(token)}`;
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let nextId = 1;

  onState('connecting');
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  // The streams this tab opened: binary frames both ways (the core's data may come before the
  // answer that names the stream, so unknown ids are taken and kept for it).
  const streams = new StreamMux(
    (frame) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(frame);
    },
    { acceptUnknown: true },
  );
  const opened = new Promise<boolean>((resolve) => {
    socket.addEventListener('open', () => {
      onState('open');
      resolve(true);
    });
    socket.addEventListener('close', (event) => {
      onState('closed');
      resolve(false);
      for (const p of pending.values())
        p.resolve(fail('unavailable', 'The connection to the core was closed'));
      pending.clear();
      streams.closeAll();
      // The host dropped this tab for not reading what it sent (e.g. the tab was frozen): events
      // were missed, so load the page again (the token is kept for the tab) and fetch afresh.
      if (event.code === wireCloseFellBehind) window.location.reload();
    });
  });

  socket.addEventListener('message', (message: MessageEvent<unknown>) => {
    if (message.data instanceof ArrayBuffer) {
      streams.receive(new Uint8Array(message.data));
      return;
    }
    if (typeof message.data !== 'string') return;
    const parsed = wireServerMessageSchema.safeParse(JSON.parse(message.data));
    if (!parsed.success) return;
    const msg = parsed.data;
    if ('id' in msg) {
      pending.get(msg.id)?.resolve(msg.result);
      pending.delete(msg.id);
    } else if (isEventName(msg.event)) {
      for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
    }
  });

  const transport = {
    async call(method: MethodName, input: unknown): Promise<Result<unknown>> {
      if (!(await opened) || socket.readyState !== WebSocket.OPEN) {
        return fail('unavailable', 'The connection to the core is closed; restart the app and reload');
      }
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, { resolve });
        socket.send(JSON.stringify({ id, method, input }));
      });
    },
    subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    stream(id: number) {
      return Promise.resolve(socket.readyState === WebSocket.OPEN ? streams.attach(id) : undefined);
    },
  };
  return transport as ApiTransport;
}
