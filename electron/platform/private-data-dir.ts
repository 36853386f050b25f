import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { assertDataDirOwned } from './data-dir-owner';

export const privateDirMode = 0o700;
export const privateFileMode = 0o600;

/**
 * Temporary files of an atomic write cut short by a crash: ours (`<file>.json.<pid>.tmp`, see
 * atomic-file.ts) and conf's (`<file>.json.tmp-<10 digits><6 hex>`, from its `atomically`).
 * Specific on purpose: other programs' files can live in the data directory (Electron's own).
 */
const staleTemp = /\.jsonl?\.(?:\d+\.tmp|tmp-\d{10}[0-9a-f]{6})$/;

/** Not ours to walk: the browser host's Chromium profile, managed (and maybe used) by Chromium. */
const foreign = new Set(['chromium-profile']);

export interface PrivateDirReport {
  /** Directories and files that other users could read or enter, now private. */
  readonly tightened: string[];
  /** Those it could not make private (another owner is refused before: a read-only mount?). */
  readonly failed: string[];
  readonly removedTemp: string[];
}

/**
 * Makes the data directory private, whoever created it and whatever the umask was: the directory
 * and its subdirectories 0700, its files 0600 (they hold the configuration, the audit trail and
 * the encrypted vault). Also removes the temporary files a crash left behind. Call it only while
 * holding the data directory's lock: another process's temporary file may be in flight.
 */
export function makeDataDirPrivate(dir: string): PrivateDirReport {
  mkdirSync(dir, { recursive: true, mode: privateDirMode });
  // Another user's directory, or files in it, cannot be made private for good: refused instead.
  assertDataDirOwned(dir);
  const report: PrivateDirReport = { tightened: [], failed: [], removedTemp: [] };
  // The directory itself may be a symbolic link to where the user keeps it: follow that one.
  tighten(dir, statSync(dir), report);
  walk(dir, report);
  return report;
}

/** One line for the notice banner, or undefined when there was nothing to say. */
export function describePrivateDir(dir: string, report: PrivateDirReport): string | undefined {
  const parts: string[] = [];
  if (report.tightened.length > 0) {
    parts.push(
      `Other users could read ${listed(report.tightened)} in the data directory ${dir}; ` +
        'made private now (folders 0700, files 0600). Check who else had access.',
    );
  }
  if (report.failed.length > 0) {
    parts.push(
      `Could not make ${listed(report.failed)} private (a read-only file system?): ` +
        'fix their owner and mode (chmod 600 files, 700 folders).',
    );
  }
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function walk(dir: string, report: PrivateDirReport): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    let stats: Stats;
    try {
      stats = lstatSync(path);
    } catch {
      continue; // Removed meanwhile (by Electron, not by us: we hold the lock).
    }
    if (stats.isDirectory()) {
      if (foreign.has(name)) continue;
      tighten(path, stats, report);
      walk(path, report);
    } else if (stats.isFile()) {
      if (staleTemp.test(name)) {
        unlinkSync(path);
        report.removedTemp.push(path);
        continue;
      }
      tighten(path, stats, report);
    }
    // Symbolic links, sockets and the like are not followed nor changed.
  }
}

function tighten(path: string, stats: Stats, report: PrivateDirReport): void {
  if ((stats.mode & 0o077) === 0) return;
  try {
    chmodSync(path, stats.mode & (stats.isDirectory() ? privateDirMode : privateFileMode));
    report.tightened.push(path);
  } catch {
    report.failed.push(path);
  }
}

const shownPaths = 5;

function listed(paths: readonly string[]): string {
  const shown = paths.slice(0, shownPaths).join(', ');
  return paths.length > shownPaths ? `${shown} and ${paths.length - shownPaths} more` : shown;
}
