// Quitting right after start (a SIGTERM in the first second): the start-up install of the built-in
// templates finishes before the core lets go, so no write is left half made in the data directory.
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/compose';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import { makeTempDir } from '../../support/temp-dir';

const dir = makeTempDir('jit-shutdown-');
afterEach(() => dir.remove());

describe('core.shutdown', () => {
  it('lets the start-up chores finish: no temporary file is left, the built-ins are all there', async () => {
    const core = createCore({ dataDir: dir.path, shell: 'browser', createBackend: confBackendFactory });
    await core.shutdown();
    expect(readdirSync(dir.path).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    const again = createCore({ dataDir: dir.path, shell: 'browser', createBackend: confBackendFactory });
    const before = again.inventory.templates.list().length;
    await again.ready;
    expect(again.inventory.templates.list().length).toBe(before);
    await again.shutdown();
  });
});
