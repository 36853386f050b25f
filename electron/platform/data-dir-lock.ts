import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { assertDataDirOwned } from './data-dir-owner';
import { isProcessAlive, processStartTime } from './process-liveness';
import { syncDirectorySync } from './sync-directory';

/** The lock's file name in the data directory. */
export const lockFileName = 'jit-pam.lock';

/** Who holds the lock, as its file says. */
export interface LockHolder {
  readonly pid: number;
  /** From /proc where there is one: tells a reused pid from the holder. */
  readonly startTime?: string;
  readonly host: string;
  readonly since: string;
  /** Random: tells this lock from any other, even one of the same pid and second. */
  readonly nonce: string;
}

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly dir: string,
    readonly holder: LockHolder | undefined,
    detail?: string,
  ) {
    super(
      holder
        ? `The data directory ${dir} is in use by another JIT PAM process (pid ${holder.pid}` +
            `${holder.host === hostname() ? '' : ` on ${holder.host}`}, since ${holder.since}). ` +
            'Quit that one first, or use another --data-dir.'
        : `The data directory ${dir} could not be locked: ${detail ?? 'unknown reason'}. ` +
            `If no other JIT PAM process uses it, remove ${join(dir, lockFileName)} and start again.`,
    );
  }
}

export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file if it is still this process's (idempotent). */
  release(): void;
}

export interface LockOptions {
  /** Called on finding a stale lock, before taking it over: lets a test line racing starters up. */
  readonly onStale?: () => void;
}

/** Attempts, a short pause apart, while another starter is busy taking over a stale lock. */
const maxAttempts = 50;
const pauseMs = 20;
/** Guards of guards: each level needs a starter that died inside the previous one's moment. */
const maxGuardDepth = 4;

/**
 * One process per data directory: two processes each keep their own copy of the stores in memory,
 * so both acknowledge saves and one overwrites the other, and audit sequence numbers repeat.
 *
 * Node has no flock, so the lock is a file, `<dir>/jit-pam.lock`, holding the holder's pid, start
 * time and a random nonce. It is created complete or not at all: written to a private file, then
 * hard-linked into place, which fails if a lock already exists. A lock whose holder is gone
 * (killed, crashed, its pid now another process's) is stale and taken over; see removeIfStill for
 * why two starters (or ten) never both win.
 */
export function lockDataDir(dir: string, options: LockOptions = {}): DataDirLock {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Before writing anything there: another user's directory is refused, not locked.
  assertDataDirOwned(dir);
  const path = join(dir, lockFileName);
  const me: LockHolder = {
    pid: process.pid,
    ...optional('startTime', processStartTime(process.pid)),
    host: hostname(),
    since: new Date().toISOString(),
    nonce: randomBytes(8).toString('hex'),
  };
  const mine = `${JSON.stringify(me)}\n`;
  const candidate = `${path}.${process.pid}-${me.nonce}.new`;
  writeDurably(candidate, mine);
  try {
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      if (tryLink(candidate, path)) {
        syncDirectorySync(dir);
        removeLeftovers(dir);
        return held(path, mine);
      }
      const current = readLock(path);
      if (current === 'gone') continue;
      if (current.holder === undefined) throw new DataDirLockedError(dir, undefined, current.problem);
      if (isLive(current.holder)) throw new DataDirLockedError(dir, current.holder);
      options.onStale?.();
      if (!removeIfStill(path, current, candidate, 0)) pause(pauseMs);
    }
    throw new DataDirLockedError(dir, undefined, 'another process kept it busy');
  } finally {
    unlinkQuietly(candidate);
  }
}

function held(path: string, mine: string): DataDirLock {
  let released = false;
  return {
    path,
    release: () => {
      if (released) return;
      released = true;
      // Only our own file: never one that another process took over meanwhile.
      const current = readLock(path);
      if (current !== 'gone' && current.text === mine) unlinkQuietly(path);
    },
  };
}

/**
 * Removes the stale lock file `path` if it still is `stale`. Only the starter that creates the guard
 * `<path>.takeover-<stale nonce>` (exclusively, by linking its own lock content there) may do it.
 * Between that starter's re-reading and its removing, nobody else can change `path`: creating a lock
 * fails while it exists, and removing it takes this guard. A slow starter that gets the guard after
 * the stale lock is gone re-reads, finds another content and leaves it. A guard left by a starter
 * that died in that moment is stale in turn, and removed the same way one level down.
 *
 * Returns false when a live starter holds the guard: pause, then look again.
 */
function removeIfStill(path: string, stale: HeldLock, candidate: string, depth: number): boolean {
  const guard = `${path}.takeover-${stale.holder.nonce}`;
  if (tryLink(candidate, guard)) {
    try {
      const now = readLock(path);
      if (now !== 'gone' && now.text === stale.text) unlinkSync(path);
    } finally {
      unlinkQuietly(guard);
    }
    return true;
  }
  const other = readLock(guard);
  if (other === 'gone') return true;
  if (other.holder === undefined || depth >= maxGuardDepth) {
    throw new DataDirLockedError(dirname(path), undefined, `${guard} is in the way`);
  }
  if (isLive(other.holder)) return false;
  return removeIfStill(guard, other, candidate, depth + 1);
}

/** Files of starters that died before removing them: their lock candidates and take-over guards. */
function removeLeftovers(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(`${lockFileName}.`)) continue;
    const path = join(dir, name);
    try {
      const left = readLock(path);
      if (left !== 'gone' && (left.holder === undefined || !isLive(left.holder))) unlinkQuietly(path);
    } catch {
      // Tidying only: the lock is ours either way.
    }
  }
}

interface HeldLock {
  readonly text: string;
  readonly holder: LockHolder;
  readonly problem?: never;
}
type ReadLock = HeldLock | { readonly text: string; readonly holder?: never; readonly problem: string };

function readLock(path: string): ReadLock | 'gone' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return 'gone';
    throw error;
  }
  const holder = parseHolder(text);
  return holder ? { text, holder } : { text, problem: `${path} is not a lock file this app wrote` };
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<Record<keyof LockHolder, unknown>>;
    const { pid, startTime, host, since, nonce } = value;
    if (typeof pid !== 'number' || typeof host !== 'string' || typeof since !== 'string') return undefined;
    // The nonce becomes part of a file name: nothing but what lockDataDir writes.
    if (typeof nonce !== 'string' || !/^[0-9a-f]{16}$/.test(nonce)) return undefined;
    return {
      pid,
      host,
      since,
      nonce,
      ...optional('startTime', typeof startTime === 'string' ? startTime : undefined),
    };
  } catch {
    return undefined;
  }
}

/** A holder on another machine (a shared home directory) cannot be checked: assume it is live. */
function isLive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  return isProcessAlive(holder.pid, holder.startTime);
}

function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  }
}

function writeDurably(path: string, content: string): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Sleeps the thread: start-up is synchronous, and the other starter needs microseconds. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone, or not ours to remove: nothing to do.
  }
}

const isCode = (error: unknown, code: string) => (error as NodeJS.ErrnoException | undefined)?.code === code;

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
