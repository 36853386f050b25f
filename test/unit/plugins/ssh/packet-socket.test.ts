import { createServer, Socket, type AddressInfo, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coalescePacketWrites } from '../../../../electron/plugins/ssh/connection/packet-socket';
import { recordFlushes, type Flush } from '../../../support/socket-flushes';

interface Spied {
  readonly socket: Socket;
  readonly flushes: Flush[];
}

let server: Server;
let received: number;

beforeEach(async () => {
  received = 0;
  server = createServer((peer) => peer.on('data', (data: Buffer) => (received += data.length)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** A connected socket whose flushes are recorded; `coalesce` says when the coalescing is set. */
async function connected(coalesce: 'after connect' | 'before connect' | 'never'): Promise<Spied> {
  const socket = new Socket();
  socket.setNoDelay(true);
  const flushes = recordFlushes(socket);
  if (coalesce === 'before connect') coalescePacketWrites(socket);
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    socket.connect(port, '127.0.0.1', resolve);
    if (coalesce === 'after connect') coalescePacketWrites(socket);
  });
  return { socket, flushes };
}

/** ssh2's three writes of one AES-GCM packet: its length, the ciphertext, the tag. */
function writePacket(socket: Socket): void {
  socket.write(Buffer.alloc(4));
  socket.write(Buffer.alloc(16));
  socket.write(Buffer.alloc(16));
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function arrived(bytes: number): Promise<void> {
  while (received < bytes) await tick();
}

describe('coalescePacketWrites', () => {
  it("sends a packet's pieces, written in one tick, in one writev", async () => {
    const { socket, flushes } = await connected('after connect');
    writePacket(socket);
    expect(flushes).toEqual([]);
    await arrived(36);
    expect(flushes).toEqual([{ call: '_writev', sizes: [4, 16, 16] }]);
    socket.destroy();
  });

  it('flushes each tick on its own: nothing waits for a later write', async () => {
    const { socket, flushes } = await connected('after connect');
    writePacket(socket);
    await arrived(36);
    socket.write(Buffer.alloc(8));
    await arrived(44);
    expect(flushes).toEqual([
      { call: '_writev', sizes: [4, 16, 16] },
      { call: '_write', sizes: [8] },
    ]);
    socket.destroy();
  });

  it('writes each piece on its own without it (the control: the spy sees the difference)', async () => {
    const { socket, flushes } = await connected('never');
    writePacket(socket);
    await arrived(36);
    expect(flushes.map((f) => f.call)).toEqual(['_write', '_write', '_write']);
    socket.destroy();
  });

  it("is undone by Node's connect when set before it (so connectSsh sets it after)", async () => {
    const { socket, flushes } = await connected('before connect');
    writePacket(socket);
    await arrived(36);
    expect(flushes).toHaveLength(3);
    socket.destroy();
  });

  it('ends a corked socket with everything written', async () => {
    const { socket } = await connected('after connect');
    writePacket(socket);
    socket.end();
    await arrived(36);
    expect(received).toBe(36);
  });
});
