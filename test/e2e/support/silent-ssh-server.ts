/**
 * An SSH server for end-to-end tests that keeps a run waiting: ssh2's in-process server library
 * (not OpenSSH), with its own ed25519 host key, on a real socket on 127.0.0.1. It accepts one
 * user and password, opens a shell (with the PTY the SSH plugin asks for) that prints a prompt,
 * echoes what is typed as a terminal would, answers `echo …` with its argument, and prints
 * nothing else, ever: a template's `expect "never-printed"` waits there until it times out or
 * is canceled.
 */
import type { AddressInfo } from 'node:net';
import ssh2, { type Connection } from 'ssh2';
import { ed25519KeyPair } from '../../support/ssh-key-pair';

// ssh2 is CommonJS with exports Node's ES loader cannot name: take them from its default export.
const { Server } = ssh2;

export const silentPrompt = 'e2e$ ';

export interface SilentSshServer {
  readonly port: number;
  /** The command lines the shell received, as typed (to show what reached the "device"). */
  readonly lines: readonly string[];
  close(): Promise<void>;
}

export async function startSilentSshServer(username: string, password: string): Promise<SilentSshServer> {
  const keys = ed25519KeyPair();
  const lines: string[] = [];
  const clients = new Set<Connection>();
  const server = new Server({ hostKeys: [keys.private] }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      if (ctx.method === 'password' && ctx.username === username && ctx.password === password) ctx.accept();
      else ctx.reject(['password']);
    });
    client.on('session', (acceptSession) => {
      const session = acceptSession();
      // The SSH plugin asks for a PTY (with a reply); other requests are refused by ssh2 itself.
      session.on('pty', (accept) => accept());
      session.on('shell', (accept) => {
        const shell = accept();
        let typed = '';
        shell.on('error', () => undefined);
        shell.write(`Welcome to the silent e2e shell\r\n${silentPrompt}`);
        shell.on('data', (data: Buffer) => {
          for (const char of data.toString('utf8')) {
            if (char === '\u0004') {
              shell.exit(0);
              shell.end();
              return;
            }
            if (char !== '\r' && char !== '\n') {
              typed += char;
              shell.write(char);
              continue;
            }
            lines.push(typed);
            shell.write('\r\n');
            const echo = /^echo (.*)$/.exec(typed);
            if (echo) shell.write(`${(echo[1] ?? '').replace(/'/g, '')}\r\n`);
            shell.write(silentPrompt);
            typed = '';
          }
        });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    lines,
    close: () =>
      new Promise((resolve) => {
        for (const client of clients) client.end();
        server.close(() => resolve());
      }),
  };
}
