// Runs a short setup command (ssh-keygen, initdb, mariadb-install-db) to completion.

import { spawn } from 'node:child_process';
import { LogBuffer } from './log-buffer.js';

export interface RunCommandOptions {
  cwd?: string;
  uid?: number;
  gid?: number;
  env?: NodeJS.ProcessEnv;
  /** Written to stdin, then stdin is closed: how secrets reach a command without its argv. */
  input?: string;
  timeoutMs?: number;
}

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly output: string,
  ) {
    super(`${command} failed (exit ${exitCode ?? 'none'}):\n${output}`);
    this.name = 'CommandError';
  }
}

/** Resolves with the combined stdout/stderr; rejects with a CommandError quoting it on failure. */
export async function runCommand(
  command: string,
  args: readonly string[],
  options: RunCommandOptions = {},
): Promise<string> {
  const output = new LogBuffer();
  const child = spawn(command, [...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    uid: options.uid,
    gid: options.gid,
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: options.timeoutMs ?? 60_000,
    killSignal: 'SIGKILL',
  });
  child.stdout.on('data', (chunk: Buffer) => output.append(chunk));
  child.stderr.on('data', (chunk: Buffer) => output.append(chunk));
  // A command that exits without reading its stdin would make this write fail with EPIPE: harmless.
  child.stdin.on('error', () => undefined);
  child.stdin.end(options.input ?? '');

  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new CommandError(command, code, output.tail(40));
  return output.all();
}
