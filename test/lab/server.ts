// The life cycle every lab server shares: a private directory and port, spawn, wait for a real
// login, and a stop that leaves nothing behind. Each server file only says what is specific to it.

import { asLabStartError, LabStartError } from './errors.js';
import { freePort } from './net.js';
import { spawnServer, type SpawnServerOptions } from './process.js';
import { makeTempDir, removeTempDir } from './tempdir.js';
import type { RunningServer, ServerName } from './types.js';
import { waitForReady } from './wait.js';

export const DEFAULT_READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
const PORT_ATTEMPTS = 3;

export interface Slot {
  dir: string;
  port: number;
}

/**
 * Runs `attempt` in a fresh temp dir with a fresh port. If the server lost its port to another
 * process in the meantime, it tries again with a new one; any other failure is final. Whatever
 * fails, the directory is removed and the error names the server.
 */
export async function startWithPortRetry<D>(
  name: ServerName,
  attempt: (slot: Slot) => Promise<RunningServer<D>>,
): Promise<RunningServer<D>> {
  // sshd logs root in, useradd needs root, and postgres is started under its own uid: all need root.
  if (process.getuid?.() !== 0) {
    throw new LabStartError(name, 'the lab must run as root (as CI and the dev machines do)');
  }
  for (let attemptNo = 1; ; attemptNo++) {
    const dir = await makeTempDir(name);
    try {
      return await attempt({ dir, port: await freePort() });
    } catch (error) {
      await removeTempDir(dir);
      const labError = asLabStartError(name, error);
      if (!labError.portInUse || attemptNo >= PORT_ATTEMPTS) throw labError;
    }
  }
}

export interface LaunchSpec<D> {
  name: ServerName;
  dir: string;
  spawn: SpawnServerOptions;
  /** The signal that asks this server for a fast clean shutdown. */
  stopSignal: NodeJS.Signals;
  /** Connects and logs in as the admin; throws while the server is not ready. */
  probe: () => Promise<void>;
  /** One-time setup that needs the running server (seeding entries). */
  afterReady?: () => Promise<void>;
  readyTimeoutMs: number;
  details: D;
}

/** Spawns the server and waits until it accepts a real login; on failure nothing keeps running. */
async function spawnReady<D>(spec: LaunchSpec<D>, afterReady?: () => Promise<void>) {
  const proc = await spawnServer(spec.spawn);
  try {
    await waitForReady({
      server: spec.name,
      process: proc,
      probe: spec.probe,
      timeoutMs: spec.readyTimeoutMs,
    });
    await afterReady?.();
  } catch (error) {
    await proc.stop('SIGKILL', 0);
    // The log as it ends once the process is gone: the most complete account of what went wrong.
    throw asLabStartError(spec.name, error, proc.logTail());
  }
  return proc;
}

/** Spawns the server and returns once it accepts a real login; on failure nothing keeps running. */
export async function launch<D>(spec: LaunchSpec<D>): Promise<RunningServer<D>> {
  let proc = await spawnReady(spec, spec.afterReady);

  let stopping: Promise<void> | undefined;
  return {
    name: spec.name,
    details: spec.details,
    get pid() {
      return proc.pid;
    },
    dir: spec.dir,
    get exited() {
      return proc.exited;
    },
    logTail: (lines) => proc.logTail(lines),
    async halt() {
      await proc.stop(spec.stopSignal, STOP_GRACE_MS);
    },
    async resume() {
      if (stopping !== undefined) throw new Error(`${spec.name} was stopped: it cannot resume`);
      if (proc.exitInfo() === undefined) return;
      proc = await spawnReady(spec);
    },
    stop() {
      stopping ??= (async () => {
        await proc.stop(spec.stopSignal, STOP_GRACE_MS);
        await removeTempDir(spec.dir);
      })();
      return stopping;
    },
  };
}
