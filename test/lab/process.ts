// A long-running server process with its output captured, its exit observable, and a stop that
// escalates to SIGKILL.

import { spawn } from 'node:child_process';
import { trackProcessGroup, untrackProcessGroup } from './cleanup.js';
import { LogBuffer } from './log-buffer.js';
import type { ExitInfo } from './types.js';

export interface SpawnServerOptions {
  command: string;
  args: readonly string[];
  cwd?: string;
  /** Run as this user (the spawning process must be root). */
  uid?: number;
  gid?: number;
  env?: NodeJS.ProcessEnv;
}

export interface ManagedProcess {
  readonly pid: number;
  readonly exited: Promise<ExitInfo>;
  /** Set once the process has exited. */
  exitInfo(): ExitInfo | undefined;
  logTail(lines?: number): string;
  logText(): string;
  /** Sends `signal`, then SIGKILL to the whole group after graceMs; resolves once it has exited. */
  stop(signal: NodeJS.Signals, graceMs: number): Promise<ExitInfo>;
}

export async function spawnServer(options: SpawnServerOptions): Promise<ManagedProcess> {
  const log = new LogBuffer();
  const child = spawn(options.command, [...options.args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    uid: options.uid,
    gid: options.gid,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a Ctrl-C in the terminal reaches only the lab's host, which then stops
    // the servers in order, and a SIGKILL to the group also takes the server's worker processes.
    detached: true,
  });
  child.stdout.on('data', (chunk: Buffer) => log.append(chunk));
  child.stderr.on('data', (chunk: Buffer) => log.append(chunk));

  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.command} started without a pid`);
  trackProcessGroup(pid);

  let exit: ExitInfo | undefined;
  const exited = new Promise<ExitInfo>((resolve) => {
    // 'close' rather than 'exit': it also waits for the output pipes to drain, so the log is complete.
    child.once('close', (code, signal) => {
      exit = { code, signal };
      untrackProcessGroup(pid);
      resolve(exit);
    });
  });

  const killGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is already gone.
    }
  };

  return {
    pid,
    exited,
    exitInfo: () => exit,
    logTail: (lines) => log.tail(lines),
    logText: () => log.all(),
    async stop(signal, graceMs) {
      if (exit !== undefined) return exit;
      try {
        // Only the leader gets the polite signal: PostgreSQL reads SIGINT to its backends as
        // "cancel the query", and it is the postmaster that must decide how to shut them down.
        process.kill(pid, signal);
      } catch {
        // Exited in the meantime.
      }
      const timer = setTimeout(() => killGroup('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
