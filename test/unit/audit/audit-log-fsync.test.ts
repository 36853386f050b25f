import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';

// Records the order of writes, syncs and record() resolutions on the audit file's handle.
const calls: string[] = [];
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof real.open = async (...args) => {
    const handle = await real.open(...args);
    const path = String(args[0]);
    const write = handle.write.bind(handle) as (...a: unknown[]) => Promise<unknown>;
    const sync = handle.sync.bind(handle);
    Object.assign(handle, {
      write: (...a: unknown[]) => (
        calls.push(`write ${path.endsWith('.jsonl') ? 'file' : 'dir'}`),
        write(...a)
      ),
      sync: () => (calls.push(`sync ${path.endsWith('.jsonl') ? 'file' : 'dir'}`), sync()),
    });
    return handle;
  };
  return { ...real, open, default: { ...real, open } };
});

const { AuditLog } = await import('../../../electron/audit/audit-log');

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  dir = makeTempDir();
  calls.length = 0;
});
afterEach(() => dir.remove());

describe('AuditLog durability', () => {
  it('fsyncs each entry before record resolves, and the new file’s directory once', async () => {
    const log = AuditLog.open({ dir: dir.path, clock: { now: () => new Date(0) } });
    const base = { actor: 'a', action: 'update', entity: 'device', entityId: 1, label: 'x' } as const;
    await log.record(base).then(() => calls.push('resolved 1'));
    await log.record(base).then(() => calls.push('resolved 2'));
    await log.close();
    expect(calls).toEqual([
      'sync dir',
      'write file',
      'sync file',
      'resolved 1',
      'write file',
      'sync file',
      'resolved 2',
    ]);
  });
});
