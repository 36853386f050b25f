// A small client of the browser host's WebSocket (shared/contract/wire.ts), as the renderer's
// transport (renderer/api/ws-transport.ts) speaks it: the per-launch token in the query, the host's
// own Origin, JSON text frames for calls, binary frames for the streams a call opens (a terminal).
import WebSocket from 'ws';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { StreamMux, type StreamEnd } from '../../shared/contract/streams';
import { wirePath, wireTokenParam } from '../../shared/contract/wire';
import { fail, type Result } from '../../shared/result';

export interface RpcClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  /** The stream a call answered the id of (`terminal.open`), on this connection. */
  stream(id: number): StreamEnd;
  close(): void;
}

/** Connects to the host printed as `Open: http://127.0.0.1:N/#token=…`. */
export async function connectRpc(openUrl: string): Promise<RpcClient> {
  const url = new URL(openUrl);
  const token = /token=([^&]+)/.exec(url.hash)?.[1];
  if (token === undefined) throw new Error('the Open: address carries no token');
  const socket = new WebSocket(`ws://${url.host}${wirePath}?${wireTokenParam}=${token}`, {
    headers: { Origin: url.origin },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  // As the page's: the core's data may arrive before the answer naming its stream, so unknown ids
  // are taken and kept until attached.
  const streams = new StreamMux(
    (frame) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(frame);
    },
    { acceptUnknown: true },
  );
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();
  // As the page's: once the host is gone, calls answer a failure rather than wait forever.
  socket.on('close', () => {
    for (const resolve of pending.values()) resolve(fail('unavailable', 'The connection to the host closed'));
    pending.clear();
    streams.closeAll();
  });
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) {
      streams.receive(data);
      return;
    }
    const message = JSON.parse(data.toString('utf8')) as { id?: number; result?: unknown };
    if (message.id === undefined) return; // a push event
    pending.get(message.id)?.(message.result);
    pending.delete(message.id);
  });
  return {
    call: (method, input) =>
      new Promise((resolve) => {
        if (socket.readyState !== WebSocket.OPEN) {
          resolve(fail('unavailable', 'The connection to the host is closed'));
          return;
        }
        const id = nextId++;
        pending.set(id, (result) => resolve(result as never));
        socket.send(JSON.stringify({ id, method, input }));
      }),
    stream: (id) => streams.attach(id),
    close: () => socket.close(),
  };
}

/** The value of a successful call; a failure stops the bench with its message. */
export function valueOf<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.code} ${result.message}`);
  return result.value;
}
