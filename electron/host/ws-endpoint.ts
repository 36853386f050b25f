import type { RawData, WebSocket } from 'ws';
import { wireRequestSchema } from '../../shared/contract/wire';
import { fail, type Result } from '../../shared/result';
import type { Core } from '../core/compose';

/** Request id used for errors that cannot be tied to a request (unparseable frames). */
export const unattributedId = 0;

/** Serves the contract on one authenticated socket. */
export function attachSocket(core: Core, socket: WebSocket): void {
  const context = core.context('websocket');
  const reply = (id: number, result: Result<unknown>) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id, result }));
  };

  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      reply(unattributedId, fail('invalid_input', 'Binary frames are not accepted; send JSON text'));
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(rawText(data));
    } catch {
      reply(unattributedId, fail('invalid_input', 'Malformed message: not JSON'));
      return;
    }
    const request = wireRequestSchema.safeParse(json);
    if (!request.success) {
      const id =
        typeof json === 'object' && json !== null && 'id' in json && typeof json.id === 'number'
          ? json.id
          : unattributedId;
      reply(id, fail('invalid_input', 'Malformed request: expected { id, method, input }'));
      return;
    }
    const { id, method, input } = request.data;
    void core.dispatcher.dispatch(method, input, context).then((result) => reply(id, result));
  });
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(new Uint8Array(data)).toString('utf8');
}
