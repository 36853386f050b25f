// Small promise wrappers over ssh2, shared by the lab's readiness check and the integration tests.

import { Client, type SyncHostVerifier } from 'ssh2';

export interface SshLogin {
  host: string;
  port: number;
  username: string;
  privateKey?: string;
  password?: string;
  /** `ssh-ed25519 AAAA...`: when given, a server presenting another host key is refused. */
  hostPublicKey?: string;
  readyTimeoutMs?: number;
}

export interface SshExecResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

// Clients whose connection has closed, so sshClose never waits for a 'close' that already happened.
const closedClients = new WeakSet<Client>();

function hostKeyVerifier(hostPublicKey: string): SyncHostVerifier {
  const expected = Buffer.from(hostPublicKey.trim().split(/\s+/)[1] ?? '', 'base64');
  // Without hostHash, ssh2 hands over the raw key blob: the base64 part of the .pub line.
  return (key) => key.equals(expected);
}

/** Resolves with an authenticated connection; rejects on any handshake or authentication failure. */
export function sshConnect(login: SshLogin): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    client.once('close', () => closedClients.add(client));
    client.once('ready', () => resolve(client));
    client.once('error', (error) => {
      client.end();
      reject(error);
    });
    client.connect({
      host: login.host,
      port: login.port,
      username: login.username,
      privateKey: login.privateKey,
      password: login.password,
      hostVerifier: login.hostPublicKey === undefined ? undefined : hostKeyVerifier(login.hostPublicKey),
      readyTimeout: login.readyTimeoutMs ?? 10_000,
    });
  });
}

/** Runs one command; `input` (if any) is its whole stdin, which keeps secrets out of argv. */
export function sshExec(client: Client, command: string, input?: string): Promise<SshExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, stream) => {
      if (error) {
        reject(error);
        return;
      }
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      let signal: string | null = null;
      stream.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      stream.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      stream.on('exit', (exitCode: number | null, exitSignal?: string) => {
        code = exitCode;
        signal = exitSignal ?? null;
      });
      stream.once('close', () => resolve({ code, signal, stdout, stderr }));
      stream.end(input);
    });
  });
}

/** Like sshExec, but a non-zero exit is an error (quoting stderr). Resolves with stdout. */
export async function sshRun(client: Client, command: string, input?: string): Promise<string> {
  const result = await sshExec(client, command, input);
  if (result.code !== 0) {
    throw new Error(
      `ssh command '${command}' failed (exit ${result.code ?? 'none'}${result.signal ? `, signal ${result.signal}` : ''}): ${result.stderr.trim()}`,
    );
  }
  return result.stdout;
}

/** Closes the connection and waits until the socket is really closed. */
export function sshClose(client: Client): Promise<void> {
  if (closedClients.has(client)) return Promise.resolve();
  return new Promise((resolve) => {
    client.once('close', () => resolve());
    client.end();
  });
}
