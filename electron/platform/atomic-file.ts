import {
  closeSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { syncDirectorySync } from './sync-directory';

/**
 * Writes a file so that after a crash either the old or the new content is there, never a mix:
 * write a temporary file, fsync it, rename it over the target, fsync the directory.
 */
export function writeFileAtomic(path: string, content: string, mode = 0o600, temp?: string): void {
  renameSync(writeTemp(path, content, mode, temp), path);
  syncDirectorySync(dirname(path));
}

/** Lines written per write call: a file of many lines is never one string (V8 caps a string's size). */
const linesPerWrite = 1000;

/**
 * writeFileAtomic for a file of many lines (each given without its newline), written in chunks.
 * A failure removes the temporary file and throws; the file is then as it was.
 */
export function writeLinesAtomic(path: string, lines: Iterable<string>, mode = 0o600): void {
  const temp = tempOf(path);
  try {
    const fd = openSync(temp, 'w', mode);
    try {
      fchmodSync(fd, mode);
      let chunk: string[] = [];
      for (const line of lines) {
        chunk.push(line);
        if (chunk.length === linesPerWrite) {
          writeSync(fd, `${chunk.join('\n')}\n`);
          chunk = [];
        }
      }
      if (chunk.length > 0) writeSync(fd, `${chunk.join('\n')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // Not there (the open failed), or already renamed into place.
    }
    throw error;
  }
  syncDirectorySync(dirname(path));
}

/**
 * Creates a file that must not exist yet, complete or not at all: the content is written and
 * fsync'ed under a temporary name, then hard-linked into place, which fails with EEXIST (and
 * changes nothing) when the file exists, even if another process created it a moment ago.
 */
export function createFileExclusive(path: string, content: string, mode = 0o600): void {
  const temp = writeTemp(path, content, mode);
  try {
    linkSync(temp, path);
  } finally {
    unlinkSync(temp);
  }
  syncDirectorySync(dirname(path));
}

export const isAlreadyExists = (error: unknown): boolean =>
  (error as NodeJS.ErrnoException | undefined)?.code === 'EEXIST';

/**
 * `<path>.<pid>.tmp` unless told otherwise (a second writer of the file in this process): a
 * crash's leftovers are removed at start.
 */
const tempOf = (path: string) => `${path}.${process.pid}.tmp`;

function writeTemp(path: string, content: string, mode: number, temp = tempOf(path)): string {
  const fd = openSync(temp, 'w', mode);
  try {
    // A leftover of the same name keeps its old mode when reopened: set it again.
    fchmodSync(fd, mode);
    writeFileSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temp;
}
