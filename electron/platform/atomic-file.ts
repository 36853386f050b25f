import {
  closeSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a file so that after a crash either the old or the new content is there, never a mix:
 * write a temporary file, fsync it, rename it over the target, fsync the directory.
 */
export function writeFileAtomic(path: string, content: string, mode = 0o600): void {
  const temp = writeTemp(path, content, mode);
  renameSync(temp, path);
  syncDir(dirname(path));
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
  syncDir(dirname(path));
}

export const isAlreadyExists = (error: unknown): boolean =>
  (error as NodeJS.ErrnoException | undefined)?.code === 'EEXIST';

/** `<path>.<pid>.tmp`: one writer per process and file; a crash's leftovers are removed at start. */
function writeTemp(path: string, content: string, mode: number): string {
  const temp = `${path}.${process.pid}.tmp`;
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

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
