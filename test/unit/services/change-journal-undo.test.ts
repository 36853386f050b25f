/**
 * The undo of a failed change whose own intent cannot be written (the same full disk): the failed
 * change's intent must still be whole on disk, so that the next start completes the change rather
 * than leave it half written and unaudited. The intent's write is made to fail where the disk
 * would refuse it: the bytes written into the file, through node:fs/promises.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { intentFileName } from '../../../electron/storage/intent-journal';
import { makeTempDir } from '../../support/temp-dir';
import { actor, device } from './harness';
import { openEnv, type Env } from './transfer/fixtures';

/** Writes into files named intent.json* (the intent, or its temporary) left before this one fails. */
const intentWrites = vi.hoisted(() => ({ failAfter: Infinity }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof FsPromises>();
  const open: typeof fs.open = async (path, ...rest) => {
    const handle = await fs.open(path, ...rest);
    if (!basename(String(path)).startsWith('intent.json')) return handle;
    const write = handle.write.bind(handle) as (...args: unknown[]) => Promise<unknown>;
    // A FileHandle's own method, replaced on this handle only: the disk is full from here on.
    (handle as { write: (...args: unknown[]) => Promise<unknown> }).write = (...args) => {
      if (intentWrites.failAfter-- <= 0) {
        return Promise.reject(
          Object.assign(new Error('ENOSPC: no space left on device (test)'), { code: 'ENOSPC' }),
        );
      }
      return write(...args);
    };
    return handle;
  };
  return { ...fs, open, default: { ...fs, open } };
});

let dir: ReturnType<typeof makeTempDir>;
const envs: Env[] = [];
beforeEach(() => {
  dir = makeTempDir();
  intentWrites.failAfter = Infinity;
});
afterEach(async () => {
  for (const env of envs.splice(0)) await env.close();
  dir.remove();
});

const intentText = () => {
  const path = join(dir.path, intentFileName);
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
};

describe('a failed change whose undo cannot be journaled', () => {
  it('keeps the change intent whole, and the next start completes the change with its audit entry', async () => {
    const env = await openEnv(dir.path);
    envs.push(env);
    env.writes.failOnce.add('config');
    // The change's intent is written; the undo's, after the failed config write, is not.
    intentWrites.failAfter = 1;
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(env.devices.save(undefined, device({ name: 'web-07' }), actor)).rejects.toThrow(
      'write of config failed (test)',
    );
    error.mockRestore();
    intentWrites.failAfter = Infinity;

    const stranded = intentText();
    const pending = JSON.parse(stranded) as { tables: { name: string; put: { name?: string }[] }[] };
    expect(pending.tables).toMatchObject([{ name: 'devices', put: [{ name: 'web-07' }] }]);
    expect(readdirTemp()).toEqual([]);
    const next = await openEnv(dir.path);
    envs.push(next);
    await next.recovered;
    const [web] = next.devices.list();
    expect(web).toMatchObject({ name: 'web-07' });
    expect(next.audit.forEntity('device', web?.id ?? -1)).toMatchObject([
      { action: 'create', detail: expect.stringMatching(/^Completed at start/) as string },
    ]);
    expect(intentText()).toBe('');
  });
});

describe('the next change after such a failure', () => {
  it('first finishes the undo, and is refused while that still fails, leaving the intent as it was', async () => {
    const env = await openEnv(dir.path);
    envs.push(env);
    env.writes.failOnce.add('config');
    intentWrites.failAfter = 1;
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(env.devices.save(undefined, device({ name: 'web-07' }), actor)).rejects.toThrow(
      'write of config failed (test)',
    );
    error.mockRestore();
    const stranded = intentText();

    // The disk is still full: the next change may not replace that intent with its own.
    intentWrites.failAfter = 0;
    await expect(env.devices.save(undefined, device({ name: 'db-01' }), actor)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/could not be undone yet .* nothing more is saved/) as string,
    });
    expect(intentText()).toBe(stranded);

    // Room again: the undo is finished (web-07 is not saved, as its caller was told), then db-01.
    intentWrites.failAfter = Infinity;
    await env.devices.save(undefined, device({ name: 'db-01' }), actor);
    expect(intentText()).toBe('');
    const next = await openEnv(dir.path);
    envs.push(next);
    await next.recovered;
    expect(next.devices.list().map((d) => d.name)).toEqual(['db-01']);
  });
});

/** No temporary intent file is left behind by the refused write. */
function readdirTemp(): string[] {
  return readdirSync(dir.path).filter((name) => name.startsWith(`${intentFileName}.`));
}
