// What leaves the core for one keystroke in a terminal, against the lab's real sshd: ssh2 writes
// a packet in pieces, and connectSsh's socket must send them together (packet-socket.ts).

import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { connectSsh, openPty } from '../../../../electron/plugins/ssh';
import { recordFlushes } from '../../../support/socket-flushes';
import { sshLab } from './support';

describe('connectSsh: the packets a terminal sends', () => {
  const lab = sshLab();

  it('sends a keystroke as one write to the socket, the whole packet in it', async ({ onTestFinished }) => {
    const connection = await connectSsh({ target: lab.target, login: lab.rootLogin, timeoutMs: 15_000 });
    onTestFinished(() => connection.close());
    const channel = await openPty(connection, { term: 'xterm', cols: 80, rows: 24 });
    let output = '';
    const seen = (text: string) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!output.includes(text)) return;
          channel.off('data', check);
          resolve();
        };
        channel.on('data', check);
        check();
      });
    channel.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    channel.write("PS1='ready> '\r");
    await seen('ready> ');
    // ssh2's socket is not part of its API: reached here to watch what it hands the system.
    const flushes = recordFlushes((connection.client as unknown as { _sock: Socket })._sock);
    channel.write('q');
    await seen('ready> q');
    // Without packet-socket.ts: three `_write`s (AES-GCM's length, ciphertext and tag).
    expect(flushes).toHaveLength(1);
    expect(flushes[0]?.call).toBe('_writev');
    expect(flushes[0]?.sizes.length).toBeGreaterThan(1);
  });
});
