import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir, lockFileName } from '../../../electron/platform/data-dir-lock';
import { processStartTime } from '../../../electron/platform/process-liveness';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
let dir: string;
beforeEach(() => {
  temp = makeTempDir();
  dir = join(temp.path, 'data');
});
afterEach(() => temp.remove());

const lockPath = () => join(dir, lockFileName);
const holderOf = () => JSON.parse(readFileSync(lockPath(), 'utf8')) as { pid: number; startTime?: string };

/** A pid that no process has any more: a child that ran and was reaped. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid;

function writeLock(fields: Record<string, unknown>): string {
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify({ host: hostname(), since: '2026-11-30T08:00:00.000Z', nonce: 'a1b2c3d4e5f60718', ...fields })}\n`;
  writeFileSync(lockPath(), text);
  return text;
}

describe('lockDataDir', () => {
  it('creates the data directory private and a lock naming this process; release removes it', () => {
    const lock = lockDataDir(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(lockPath()).mode & 0o777).toBe(0o600);
    expect(holderOf()).toMatchObject({ pid: process.pid, startTime: processStartTime(process.pid) });
    lock.release();
    expect(existsSync(lockPath())).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a second lock while the first is held, naming the holder pid', () => {
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(`pid ${process.pid}`);
    lock.release();
    lockDataDir(dir).release();
  });

  it('takes over the lock of a process that is gone', () => {
    const dead = deadPid();
    writeLock({ pid: dead });
    const lock = lockDataDir(dir);
    expect(holderOf().pid).toBe(process.pid);
    expect(readdirSync(dir)).toEqual([lockFileName]);
    lock.release();
  });

  it('takes over a lock whose pid is now another process (start time differs)', () => {
    // This very process stands in for the later one that got the dead holder's pid.
    writeLock({ pid: process.pid, startTime: '1' });
    const lock = lockDataDir(dir);
    expect(holderOf().startTime).toBe(processStartTime(process.pid));
    lock.release();
  });

  it('refuses a live holder, and one on another machine that it cannot check', () => {
    const parent = writeLock({ pid: process.ppid, startTime: processStartTime(process.ppid) });
    expect(() => lockDataDir(dir)).toThrow(`pid ${process.ppid}`);
    expect(readFileSync(lockPath(), 'utf8')).toBe(parent);
    writeLock({ pid: deadPid(), host: 'another-machine' });
    expect(() => lockDataDir(dir)).toThrow(/pid \d+ on another-machine/);
  });

  it('refuses a lock file it did not write, and leaves it alone', () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(lockPath(), 'not a lock');
    expect(() => lockDataDir(dir)).toThrow(/could not be locked: .* is not a lock file this app wrote/);
    expect(readFileSync(lockPath(), 'utf8')).toBe('not a lock');
  });

  it('removes a take-over guard left by a starter that died holding it', () => {
    const stale = writeLock({ pid: deadPid() });
    const staleNonce = (JSON.parse(stale) as { nonce: string }).nonce;
    const guard = `${lockPath()}.takeover-${staleNonce}`;
    writeFileSync(
      guard,
      JSON.stringify({ pid: deadPid(), host: hostname(), since: 'x', nonce: '0011223344556677' }),
    );
    const lock = lockDataDir(dir);
    expect(holderOf().pid).toBe(process.pid);
    expect(readdirSync(dir)).toEqual([lockFileName]);
    lock.release();
  });
});

describe('racing starters', () => {
  const racers: { child: ChildProcessWithoutNullStreams; next: () => Promise<string> }[] = [];

  function startRacer() {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'lock-racer.ts')]);
    const queue: string[] = [];
    const waiting: ((line: string) => void)[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else queue.push(line);
    });
    const next = () =>
      new Promise<string>((resolve) => {
        const line = queue.shift();
        if (line !== undefined) resolve(line);
        else waiting.push(resolve);
      });
    racers.push({ child, next });
  }

  afterEach(() => {
    for (const { child } of racers.splice(0)) child.kill();
  });

  it('four processes over one stale lock: exactly one wins, every round', async () => {
    for (let i = 0; i < 4; i++) startRacer();
    expect(await Promise.all(racers.map((r) => r.next()))).toEqual(['ready', 'ready', 'ready', 'ready']);
    for (let round = 0; round < 15; round++) {
      dir = join(temp.path, `round-${round}`);
      writeLock({ pid: deadPid() });
      for (const { child } of racers) child.stdin.write(`lock ${dir}\n`);
      // Every racer has judged the lock stale before any of them takes it over.
      expect(await Promise.all(racers.map((r) => r.next()))).toEqual(['stale', 'stale', 'stale', 'stale']);
      for (const { child } of racers) child.stdin.write('go\n');
      const answers = await Promise.all(racers.map((r) => r.next()));
      const winners = answers.filter((a) => a.startsWith('won'));
      expect(winners, answers.join('\n')).toHaveLength(1);
      const winnerPid = racers[answers.findIndex((a) => a.startsWith('won'))]?.child.pid;
      expect(holderOf().pid).toBe(winnerPid);
      for (const refused of answers.filter((a) => !a.startsWith('won'))) {
        expect(refused).toContain(`in use by another JIT PAM process (pid ${winnerPid}`);
      }
      for (const { child } of racers) child.stdin.write('release\n');
      await Promise.all(racers.map((r) => r.next()));
    }
  }, 60_000);
});
