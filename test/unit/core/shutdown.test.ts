// Quitting right after start (a SIGTERM in the first second): the start-up install of the built-in
// templates finishes before the core lets go, so no write is left half made in the data directory.
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../../electron/core/compose';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import { makeTempDir } from '../../support/temp-dir';
import { actor, device } from '../services/harness';

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

  it('ends within its ceiling when a step never does, and still saves the stores', async () => {
    const core = createCore({
      dataDir: dir.path,
      shell: 'browser',
      createBackend: confBackendFactory,
      shutdownCeilingMs: 200,
    });
    await core.ready;
    // A JIT session's cleanup stuck on a target that stopped answering, beyond every inner bound.
    core.sessions.close = () => new Promise<void>(() => undefined);
    const saved = await core.inventory.devices.save(undefined, device({ name: 'saved-at-quit' }), actor);
    const said = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await core.shutdown();
      expect(said).toHaveBeenCalledWith(
        'Quitting without waiting longer for the JIT sessions to end: the next start finishes what is left.',
      );
    } finally {
      said.mockRestore();
    }

    const again = createCore({ dataDir: dir.path, shell: 'browser', createBackend: confBackendFactory });
    expect(again.inventory.devices.get(saved.id).name).toBe('saved-at-quit');
    await again.shutdown();
  });
});
