// A server that prints its prompt together with accepting the shell (ssh2's in-process server
// here, not OpenSSH, whose shell takes a moment to start) sends it before the conversation
// listens: openShell must keep it, or the template's first `expect "*$"` waits for nothing.
import type { AddressInfo } from 'node:net';
import ssh2 from 'ssh2';
import { afterEach, describe, expect, it } from 'vitest';
import { connectSsh, type SshConnection } from '../../../../electron/plugins/ssh/connection/ssh-connection';
import { openShell } from '../../../../electron/plugins/ssh/connection/ssh-shell';
import { ed25519KeyPair } from '../../../support/ssh-key-pair';

// ssh2 is CommonJS with exports Node's ES loader cannot name: take them from its default export.
const { Server } = ssh2;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function promptAtOnceServer(): Promise<number> {
  const keys = ed25519KeyPair();
  const server = new Server({ hostKeys: [keys.private] }, (client) => {
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => ctx.accept());
    client.on('session', (acceptSession) => {
      const session = acceptSession();
      session.on('pty', (accept) => accept());
      session.on('shell', (accept) => {
        const shell = accept();
        shell.on('error', () => undefined);
        shell.write('banner\r\nhost$ ');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

describe('openShell', () => {
  it('keeps output sent with the shell for the first listener', async () => {
    const port = await promptAtOnceServer();
    const connection: SshConnection = await connectSsh({
      target: { host: '127.0.0.1', port },
      login: { username: 'u', password: 'p' },
      timeoutMs: 5000,
    });
    cleanups.push(() => connection.close());
    const shell = await openShell(connection);
    // A listener that comes late (the conversation starts after a few awaits): the prompt has
    // usually arrived by then. Should it arrive later, the listener hears it anyway.
    await new Promise((resolve) => setTimeout(resolve, 200));
    let heard = '';
    shell.onData((text) => (heard += text));
    await expect.poll(() => heard).toBe('banner\r\nhost$ ');
    await shell.close(false);
  });
});
