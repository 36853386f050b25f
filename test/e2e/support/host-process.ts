import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface HostProcess {
  readonly url: string;
  /** The host's process id (the terminal bench reads its CPU time). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const serveScript = join(import.meta.dirname, '..', '..', '..', 'dist', 'electron', 'serve.js');

/**
 * Starts the real browser host (the built `dist/electron/serve.js`, as `npm run serve` does) on a
 * free port and waits for the `Open:` line it prints.
 */
export function startHost(dataDir: string, passphraseFile?: string): Promise<HostProcess> {
  const args = [serveScript, '--port', '0', '--no-open', '--data-dir', dataDir];
  if (passphraseFile) args.push('--passphrase-file', passphraseFile);
  // HOST_CPU_PROF=DIR: the host writes a V8 CPU profile there when it stops (docs/testing.md;
  // NODE_OPTIONS may not carry --cpu-prof).
  const profile = process.env.HOST_CPU_PROF;
  const node = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...node, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^Open: (\S+)$/m.exec(output);
      if (match?.[1]) {
        child.stdout.off('data', onData);
        resolve({ url: match[1], pid: child.pid, stop: () => stop(child) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`browser host exited (${code ?? 'signal'}):\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
