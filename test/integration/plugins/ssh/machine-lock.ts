// A lock across processes on this machine, for tests whose accounts cannot have per-run names:
// the hostile corpus's user names are the corpus's literal values, the same in every run, so two
// runs at once (two people, or a full run beside a single file) would delete each other's.

import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** A holder that died (or a lock without an owner for a minute) no longer holds it. */
async function stale(dir: string): Promise<boolean> {
  const owner = Number(await readFile(join(dir, 'pid'), 'utf8').catch(() => 'NaN'));
  if (Number.isInteger(owner)) return !alive(owner);
  const made = await stat(dir).catch(() => null);
  return made !== null && Date.now() - made.mtimeMs > 60_000;
}

/** Waits (polling, at most `timeoutMs`) for the lock `name`; resolves with its release. */
export async function machineLock(name: string, timeoutMs: number): Promise<() => Promise<void>> {
  const dir = join(tmpdir(), `jitpam-${name}.lock`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(dir);
      await writeFile(join(dir, 'pid'), String(process.pid));
      return () => rm(dir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await stale(dir)) {
      await rm(dir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`${dir} is still held after ${timeoutMs} ms`);
    await delay(250);
  }
}
