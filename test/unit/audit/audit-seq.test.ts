/**
 * Sequence numbers after a reopen continue from the highest number in the file, wherever its
 * line is: a file whose last line is not the highest (restored from a backup, merged by hand)
 * must never make two entries share a number.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/domain/audit';
import { AuditLog, auditFileName } from '../../../electron/audit/audit-log';
import { makeTempDir } from '../../support/temp-dir';
import { FixedClock } from '../services/harness';

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const line = (seq: number) =>
  JSON.stringify({
    seq,
    at: '2026-11-29T10:00:00.000Z',
    actor: 'alice',
    action: 'update',
    entity: 'device',
    entityId: seq,
    label: `device ${seq}`,
    result: 'success',
    detail: '',
    fields: [],
  });

describe('AuditLog sequence numbers', () => {
  it('continue after the highest seq in the file, not after the last line', async () => {
    writeFileSync(join(dir.path, auditFileName), [9, 12, 4].map(line).join('\n') + '\n');
    const log = AuditLog.open({ dir: dir.path, clock: new FixedClock() });
    try {
      const next = await log.record({
        actor: 'bob',
        action: 'create',
        entity: 'device',
        entityId: 1,
        label: 'x',
      });
      expect(next.seq).toBe(13);
    } finally {
      await log.close();
    }
    const seqs = readFileSync(join(dir.path, auditFileName), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as AuditEntry).seq);
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});
