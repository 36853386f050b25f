// A write may take fewer bytes than it was given (a nearly full disk): the appender writes the
// rest, so a record it reports on disk is whole (the lifecycle acts on a target after it).
import { readFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    // Every handle's write takes at most 7 bytes, as a short write would.
    open: async (...args: Parameters<typeof real.open>): Promise<FileHandle> => {
      const handle = await real.open(...args);
      const write = handle.write.bind(handle) as (
        b: Buffer,
        o: number,
        l: number,
      ) => Promise<{ bytesWritten: number }>;
      return Object.assign(handle, {
        write: (data: Buffer | string, offset?: number, length?: number) => {
          // A string is written from its start (FileHandle.write(string) takes a position instead).
          const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
          const from = typeof data === 'string' ? 0 : (offset ?? 0);
          const size = typeof data === 'string' ? buffer.length : (length ?? buffer.length - from);
          return write(buffer, from, Math.min(size, 7));
        },
      });
    },
  };
});

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  dir = makeTempDir('jit-jsonl-short-');
});
afterEach(() => dir.remove());

it('writes every byte of each record even when each write takes only a few', async () => {
  const { JsonlAppender } = await import('../../../electron/storage/jsonl/jsonl-appender');
  const path = join(dir.path, 'log.jsonl');
  const appender = new JsonlAppender(path, { endsWithNewline: true, existed: false });
  await appender.append({ state: 'provisioning', account: 'senseg0000001' });
  await appender.append({ state: 'active', note: 'é ü 😀' });
  await appender.close();
  expect(readFileSync(path, 'utf8')).toBe(
    '{"state":"provisioning","account":"senseg0000001"}\n{"state":"active","note":"é ü 😀"}\n',
  );
});
