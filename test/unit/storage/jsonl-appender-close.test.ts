// Review (review2): after close() an appender must not reopen its file. The session command line
// lets go of the data directory's lock right after closing: a late append would then write (and
// keep a descriptor open on) a file another process may be appending to.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { JsonlAppender } from '../../../electron/storage/jsonl/jsonl-appender';
import { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  dir = makeTempDir('jit-jsonl-close-');
});
afterEach(() => dir.remove());

/** Descriptors of this process open on `path` (Linux). */
const openOn = (path: string): number =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;

it('refuses appends once close() is called, and leaves no descriptor open on the file', async () => {
  const path = join(dir.path, 'log.jsonl');
  const appender = new JsonlAppender(path, { endsWithNewline: true, existed: false });
  await appender.append({ n: 1 });
  const inFlight = appender.append({ n: 2 });
  const closing = appender.close();
  // Its refusal is taken at once (awaited only after close() below).
  const duringClose = appender.append({ n: 3 }).then(
    () => 'written',
    (error: unknown) => (error instanceof Error ? error.message : 'rejected'),
  );
  await expect(inFlight).resolves.toBeUndefined();
  await closing;
  expect(await duringClose).toMatch(/closed/);
  await expect(appender.append({ n: 4 })).rejects.toThrow(/closed/);
  expect(readFileSync(path, 'utf8')).toBe('{"n":1}\n{"n":2}\n');
  expect(openOn(path)).toBe(0);
});
