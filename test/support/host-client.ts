import WebSocket from 'ws';

/** Opens a WebSocket the way a browser page would, and reports the HTTP status if refused. */
export function connect(
  url: string,
  headers: Record<string, string>,
): Promise<{ socket: WebSocket } | { refused: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode ?? 0 });
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}

/** A small request/response client over the wire protocol, plus the events it has heard. */
export function wireClient(socket: WebSocket) {
  let nextId = 1;
  const events: { event: string; payload: unknown }[] = [];
  const waiting = new Map<number, (result: unknown) => void>();
  const raw: unknown[] = [];
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as {
      id?: number;
      result?: unknown;
      event?: string;
      payload?: unknown;
    };
    raw.push(message);
    if (typeof message.event === 'string') events.push({ event: message.event, payload: message.payload });
    if (typeof message.id === 'number') {
      waiting.get(message.id)?.(message.result);
      waiting.delete(message.id);
    }
  });
  return {
    events,
    raw,
    call(method: string, input?: unknown): Promise<unknown> {
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        socket.send(JSON.stringify({ id, method, input }));
      });
    },
    /** Sends an arbitrary frame and waits for the reply addressed to `id`. */
    sendRaw(frame: string | Buffer, id: number): Promise<unknown> {
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        socket.send(frame);
      });
    },
  };
}
