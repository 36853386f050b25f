import { setTimeout as delay } from 'node:timers/promises';
import { errorMessage, LabStartError } from './errors.js';
import type { ManagedProcess } from './process.js';
import type { ServerName } from './types.js';

export interface WaitForReadyOptions<T> {
  server: ServerName;
  process: ManagedProcess;
  /** A real check (connect and log in). Throws while the server is not ready. */
  probe: () => Promise<T>;
  timeoutMs: number;
  intervalMs?: number;
}

/**
 * Polls `probe` until it succeeds. Fails at once if the server process exits (no point waiting for
 * a dead server), or at the deadline, with the last probe error and the tail of the server's log.
 */
export async function waitForReady<T>(options: WaitForReadyOptions<T>): Promise<T> {
  const { server, process: proc, probe, timeoutMs } = options;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no attempt made';
  for (;;) {
    const exit = proc.exitInfo();
    if (exit !== undefined) {
      throw new LabStartError(
        server,
        `the server exited (code ${exit.code ?? 'none'}, signal ${exit.signal ?? 'none'}) before accepting a login; last check: ${lastError}`,
        proc.logTail(),
      );
    }
    try {
      return await probe();
    } catch (error) {
      lastError = errorMessage(error);
    }
    if (Date.now() >= deadline) {
      throw new LabStartError(
        server,
        `not ready after ${timeoutMs} ms; last check: ${lastError}`,
        proc.logTail(),
      );
    }
    // Wake early if the server dies meanwhile, so the error above is reported without delay.
    await Promise.race([delay(intervalMs), proc.exited]);
  }
}
