// Records appended together share one write and one fsync (group commit), and still reach the
// file, and resolve, in call order: twenty JIT sessions at once queued twenty fsyncs per step of
// the session, operation and audit logs behind each other (the lifecycle bench's throughput).
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi, type MockInstance } from 'vitest';
import { AuditLog } from '../../../electron/audit/audit-log';
import { SessionStore } from '../../../electron/lifecycle/session-store';
import { JsonlAppender } from '../../../electron/storage/jsonl/jsonl-appender';
import type { Session } from '../../../shared/domain/session';
import { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
let syncs: MockInstance;
beforeEach(async () => {
  dir = makeTempDir('jit-jsonl-group-');
  // FileHandle is not exported: its prototype is reached through a handle.
  const handle = await open(join(dir.path, 'probe'), 'a');
  const proto = Object.getPrototypeOf(handle) as { sync(): Promise<void> };
  await handle.close();
  syncs = vi.spyOn(proto, 'sync');
});
afterEach(() => {
  syncs.mockRestore();
  dir.remove();
});

const lines = (path: string): unknown[] =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);

it('writes appends made together with one fsync per batch, in call order, each resolved after its line is on disk', async () => {
  const path = join(dir.path, 'log.jsonl');
  const appender = new JsonlAppender(path, { endsWithNewline: true, existed: false });
  const resolved: number[] = [];
  await Promise.all(
    Array.from({ length: 20 }, (_, n) =>
      appender.append({ n }).then(() => {
        // On disk by now: its line is in the file.
        expect(lines(path)).toContainEqual({ n });
        resolved.push(n);
      }),
    ),
  );
  await appender.close();
  expect(lines(path)).toEqual(Array.from({ length: 20 }, (_, n) => ({ n })));
  expect(resolved).toEqual(Array.from({ length: 20 }, (_, n) => n));
  // The new file's directory, then all 20 together: the first does not go alone.
  expect(syncs.mock.calls.length).toBe(2);
});

it('the next records of callers resolved by one batch go out together too, one fsync a wave', async () => {
  const path = join(dir.path, 'log.jsonl');
  const appender = new JsonlAppender(path, { endsWithNewline: true, existed: true });
  // Ten sessions, each saving three steps one after the other, as the lifecycle does.
  await Promise.all(
    Array.from({ length: 10 }, async (_, n) => {
      for (let step = 0; step < 3; step++) await appender.append({ n, step });
    }),
  );
  await appender.close();
  expect(lines(path)).toHaveLength(30);
  // Each wave's first record used to go alone, the other nine in a second fsync behind it.
  expect(syncs.mock.calls.length).toBe(3);
});

it('the session store and the audit log issue concurrent saves together, in order', async () => {
  const store = SessionStore.open({ dir: dir.path });
  const session = (n: number): Session => ({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    credentialId: 1,
    credentialLabel: 'u @ d',
    deviceId: 1,
    jitType: 'create_delete',
    pluginId: 'postgresql',
    account: `senseg${String(n).padStart(7, '0')}`,
    requester: 'me',
    state: 'requested',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-01-01T01:00:00.000Z',
    endedAt: null,
    operationIds: [],
    cleanupAttempts: 0,
    nextAttemptAt: null,
    error: null,
    forceCloseReason: null,
    rollback: false,
    target: null,
    enabledBefore: false,
    notProvenOurs: false,
  });
  await Promise.all(Array.from({ length: 10 }, (_, n) => store.save(session(n))));
  await store.close();
  expect(syncs.mock.calls.length).toBeLessThanOrEqual(3);
  expect(store.all().map((s) => s.account)).toEqual(Array.from({ length: 10 }, (_, n) => session(n).account));

  syncs.mockClear();
  const audit = AuditLog.open({ dir: dir.path, clock: { now: () => new Date('2026-01-01T00:00:00Z') } });
  const entries = await Promise.all(
    Array.from({ length: 10 }, (_, n) =>
      audit.record({
        actor: 'me',
        action: 'session_start',
        entity: 'credential',
        entityId: n,
        label: `c${n}`,
      }),
    ),
  );
  await audit.close();
  expect(syncs.mock.calls.length).toBeLessThanOrEqual(3);
  expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, n) => n + 1));
  expect(lines(audit.path).map((e) => (e as { seq: number }).seq)).toEqual(entries.map((e) => e.seq));
});
