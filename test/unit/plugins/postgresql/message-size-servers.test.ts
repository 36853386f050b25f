// The size watch on a connection openPg makes (electron/plugins/postgresql/connection.ts), against
// small stand-in servers that speak just enough of the protocol: a row over the bound, over plain
// TCP and over the TLS pg puts on the socket when PGSSLMODE asks for it, and a length under 4.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { openPg } from '../../../../electron/plugins/postgresql/connection';
import { makeTempDir } from '../../../support/temp-dir';

const message = (type: string, body: Buffer): Buffer => {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeUInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
};
/** AuthenticationOk, then ReadyForQuery: logged in. */
const loggedIn = Buffer.concat([message('R', Buffer.alloc(4)), message('Z', Buffer.from('I'))]);
/** A DataRow header announcing 100 MiB, and the first MiB of it. */
const hugeRow = (): Buffer => {
  const head = Buffer.alloc(5);
  head.write('D', 0, 'latin1');
  head.writeUInt32BE(100 * 1024 * 1024, 1);
  return Buffer.concat([head, Buffer.alloc(1024 * 1024, 0x61)]);
};

/**
 * A NoticeResponse whose length is 0: pg reads on 1 byte after its type, a watch that skipped a
 * whole header 5. From there pg reads a DataRow of 576 MiB where the watch reads the body of a
 * message of 256 bytes, then 64 KiB messages that are the row's bytes to pg.
 */
const desynchronising = (): Buffer => {
  const head = Buffer.alloc(5 + 5 + 252, 0);
  head.write('N', 0, 'latin1');
  head[5] = 0x0a;
  head.writeUInt32BE(256, 6);
  head.write('D', 12, 'latin1');
  head.writeUInt32BE(0x24000000, 13);
  head.writeUInt16BE(1, 17);
  head.writeUInt32BE(0x22000000, 19);
  const filler = Buffer.alloc(5 + 65536, 0x61);
  filler.write('D', 0, 'latin1');
  filler.writeUInt32BE(65540, 1);
  return Buffer.concat([head, filler, filler]);
};

/** Answers the startup with `loggedIn` and the first query with `answer`. */
function serve(socket: Socket | TLSSocket, answer: Buffer): void {
  let started = false;
  socket.on('error', () => undefined);
  socket.on('data', (data: Buffer) => {
    if (!started) {
      started = true;
      socket.write(loggedIn);
    } else if (data[0] === 0x51) socket.write(answer);
  });
}

describe('openPg: the size watch on real sockets', () => {
  const servers: Server[] = [];
  const sslMode = process.env.PGSSLMODE;
  afterEach(() => {
    for (const server of servers.splice(0)) server.close();
    if (sslMode === undefined) delete process.env.PGSSLMODE;
    else process.env.PGSSLMODE = sslMode;
  });

  const listen = async (server: Server): Promise<number> => {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };
  const open = (port: number) =>
    openPg({
      target: { host: '127.0.0.1', port },
      login: { username: 'u', password: 'p' },
      timeouts: { connectSeconds: 10, readSeconds: 10 },
    });

  it('plain TCP: a row over the bound ends the query and the connection with the reason', async () => {
    delete process.env.PGSSLMODE;
    const port = await listen(createServer((socket) => serve(socket, hugeRow())));
    const connection = await open(port);
    await expect(connection.client.query('select 1')).rejects.toThrow(
      'The server sent a row or message of 100.0 MiB, more than the 64.0 MiB this app reads at once',
    );
    expect(connection.alive()).toBe(false);
    await connection.close();
  });

  it('TLS asked for by PGSSLMODE: the watch follows pg onto the TLS stream', async () => {
    const dir = makeTempDir('jit-pg-tls-');
    try {
      const key = join(dir.path, 'key.pem');
      const cert = join(dir.path, 'cert.pem');
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          key,
          '-out',
          cert,
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
        ],
        { stdio: 'ignore' },
      );
      const credentials = { key: readFileSync(key), cert: readFileSync(cert) };
      let secured = false;
      const port = await listen(
        createServer((raw) => {
          raw.on('error', () => undefined);
          // The SSLRequest: 'S', then TLS on the same socket.
          raw.once('data', () => {
            raw.write('S');
            secured = true;
            serve(new TLSSocket(raw, { isServer: true, ...credentials }), hugeRow());
          });
        }),
      );
      process.env.PGSSLMODE = 'no-verify';
      const connection = await open(port);
      expect(secured).toBe(true);
      await expect(connection.client.query('select 1')).rejects.toThrow(
        'more than the 64.0 MiB this app reads at once',
      );
      expect(connection.alive()).toBe(false);
      await connection.close();
    } finally {
      dir.remove();
    }
  });

  it('a length under 4 closes the connection: pg and the watch would read on from different places', async () => {
    delete process.env.PGSSLMODE;
    const port = await listen(createServer((socket) => serve(socket, desynchronising())));
    const connection = await open(port);
    await expect(connection.client.query('select 1')).rejects.toThrow();
    // Closed by the watch, whatever pg made of the bytes first.
    await expect.poll(() => connection.alive()).toBe(false);
    expect(connection.client.connection.stream.destroyed).toBe(true);
    await connection.close();
  });
});
