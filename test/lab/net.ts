import { createServer } from 'node:net';

export const LAB_HOST = '127.0.0.1';

/**
 * A port that was free a moment ago: the kernel picks it when binding port 0. Another process can
 * still take it before the server binds it, so the servers retry with a new port when their log
 * says "Address already in use" (see startWithPortRetry).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, LAB_HOST, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not read the port of a listening socket'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}
