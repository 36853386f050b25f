import { connect } from 'node:net';
import type { TargetEndpoint } from '../plugin-runtime';

/** The key a backend gives its client at start (BackendKeyData), which is all a cancel needs. */
export interface BackendKey {
  readonly processId: number;
  readonly secretKey: number;
}

/** The protocol's CancelRequest code (1234 in the high half, 5678 in the low). */
const CANCEL_REQUEST_CODE = 80877102;

/**
 * Asks the server to cancel what the backend is running, on a new connection, as psql does on
 * Ctrl-C. Closing our socket is not enough: a backend busy in a statement does not notice a gone
 * client until it writes. Never rejects; gives up after `waitMs`.
 */
export function sendCancelRequest(target: TargetEndpoint, key: BackendKey, waitMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect({ host: target.host, port: target.port });
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    const timer = setTimeout(done, waitMs);
    socket.on('connect', () => {
      const message = Buffer.alloc(16);
      message.writeInt32BE(16, 0);
      message.writeInt32BE(CANCEL_REQUEST_CODE, 4);
      message.writeInt32BE(key.processId, 8);
      message.writeInt32BE(key.secretKey, 12);
      socket.end(message);
    });
    // The server closes the connection once it has read the request.
    socket.on('close', done);
    socket.on('error', done);
  });
}
