import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/domain/audit';
import { AuditLog, auditFileName } from '../../../electron/audit/audit-log';
import type { AuditEvent } from '../../../electron/audit/audit-trail';
import { EventBus } from '../../../electron/platform/event-bus';
import { makeTempDir } from '../../support/temp-dir';
import { FixedClock } from '../services/harness';

let dir: ReturnType<typeof makeTempDir>;
let clock: FixedClock;
let logs: AuditLog[];
beforeEach(() => {
  dir = makeTempDir();
  clock = new FixedClock();
  logs = [];
});
afterEach(async () => {
  for (const log of logs) await log.close();
  dir.remove();
});

const open = (events?: EventBus) => {
  const log = AuditLog.open({ dir: dir.path, clock, ...(events ? { events } : {}) });
  logs.push(log);
  return log;
};
const file = () => join(dir.path, auditFileName);
const lines = () => readFileSync(file(), 'utf8').split('\n');
const event = (overrides: Partial<AuditEvent> = {}): AuditEvent => ({
  actor: 'alice',
  action: 'update',
  entity: 'device',
  entityId: 1,
  label: 'web-01',
  ...overrides,
});

describe('AuditLog', () => {
  it('appends one JSON entry a line, on disk when record resolves, and emits it', async () => {
    const events = new EventBus();
    const heard: unknown[] = [];
    events.subscribe((name, payload) => heard.push([name, payload]));
    const log = open(events);
    const first = await log.record(event({ fields: ['name'] }));
    expect(lines()).toHaveLength(2); // the line and the empty rest after its newline
    const second = await log.record(event({ action: 'delete' }));
    const stored = lines()
      .filter(Boolean)
      .map((l) => JSON.parse(l) as AuditEntry);
    expect(stored).toEqual([first, second]);
    expect(first).toMatchObject({
      seq: 1,
      at: '2026-11-29T10:00:00.000Z',
      result: 'success',
      detail: '',
      fields: ['name'],
    });
    expect(second.seq).toBe(2);
    expect(heard).toEqual([
      ['audit.appended', first],
      ['audit.appended', second],
    ]);
  });

  it('reads the file back on open and continues the numbering', async () => {
    const log = open();
    await log.record(event());
    await log.record(event());
    await log.close();
    const reopened = open();
    expect(reopened.problems).toEqual([]);
    expect(reopened.list({}, 0, 10).total).toBe(2);
    expect((await reopened.record(event())).seq).toBe(3);
  });

  it('skips a line cut short by a crash, reports it, never rewrites it, and starts a fresh line', async () => {
    const log = open();
    await log.record(event());
    await log.record(event());
    await log.close();
    const torn = '{"seq":3,"at":"2026-11-29T10:0';
    appendFileSync(file(), torn);
    const before = readFileSync(file(), 'utf8');

    const reopened = open();
    expect(reopened.problems).toHaveLength(1);
    expect(reopened.problems[0]?.message).toContain('line 3');
    // The user is told which file: the audit log, by its path.
    expect(reopened.problems[0]?.message).toContain(`The audit log ${file()} has 1 unreadable line(s)`);
    expect(reopened.list({}, 0, 10).total).toBe(2);
    expect(readFileSync(file(), 'utf8')).toBe(before); // opening writes nothing

    const next = await reopened.record(event({ label: 'after the crash' }));
    expect(next.seq).toBe(3);
    const after = readFileSync(file(), 'utf8');
    expect(after.startsWith(before)).toBe(true); // the torn text is still there, untouched
    expect(after.slice(before.length)).toBe(`\n${JSON.stringify(next)}\n`);
    await reopened.close();

    // The torn line is now in the middle of the file: still skipped, everything else read.
    const third = open();
    expect(third.problems).toHaveLength(1);
    expect(third.list({}, 0, 10).entries.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect((await third.record(event())).seq).toBe(4);
  });

  it('tells its path, its size, the last number given out, and the entries after a number', async () => {
    const log = open();
    expect(log.path).toBe(file());
    expect([log.size, log.lastSeq, log.after(0)]).toEqual([0, 0, []]);
    const first = await log.record(event({ label: 'one' }));
    const second = await log.record(event({ label: 'two' }));
    expect([log.size, log.lastSeq]).toEqual([2, 2]);
    expect(log.after(0)).toEqual([first, second]);
    expect(log.after(1)).toEqual([second]);
    expect(log.after(2)).toEqual([]);
    await log.close();
    const reopened = open();
    expect([reopened.size, reopened.lastSeq]).toEqual([2, 2]);
  });

  it('close waits for the entries still on their way to the file', async () => {
    const log = AuditLog.open({ dir: dir.path, clock });
    const pending = [log.record(event({ label: 'one' })), log.record(event({ label: 'two' }))];
    await log.close();
    // Read synchronously right after close: nothing may still be in flight.
    const stored = lines()
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as AuditEntry).label);
    expect(stored).toEqual(['one', 'two']);
    await Promise.all(pending);
  });

  it('skips garbage and entries that break the schema anywhere in the file', async () => {
    const good = JSON.stringify({
      seq: 7,
      at: '2026-01-01T00:00:00.000Z',
      actor: 'a',
      action: 'create',
      entity: 'device',
      entityId: 1,
      label: 'x',
      fields: [],
      result: 'success',
      detail: '',
    });
    writeFileSync(file(), `not json\n${good}\n{"seq":"eight"}\n`);
    const log = open();
    expect(log.problems[0]?.message).toMatch(/2 unreadable line\(s\) \(line 1, 3\)/);
    expect((await log.record(event())).seq).toBe(8);
  });

  it('serialises concurrent records: numbers follow file order', async () => {
    const log = open();
    const entries = await Promise.all(
      Array.from({ length: 25 }, (_, i) => log.record(event({ label: `n${i}` }))),
    );
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const stored = lines()
      .filter(Boolean)
      .map((l) => JSON.parse(l) as AuditEntry);
    expect(stored.map((e) => [e.seq, e.label])).toEqual(entries.map((e) => [e.seq, e.label]));
  });

  it('refuses a malformed event without breaking the chain', async () => {
    const log = open();
    const bad = log.record(event({ action: 'explode' as AuditEvent['action'] }));
    const good = log.record(event());
    await expect(bad).rejects.toThrow();
    expect((await good).seq).toBe(1);
    expect(lines().filter(Boolean)).toHaveLength(1);
  });

  describe('queries', () => {
    let log: AuditLog;
    beforeEach(async () => {
      log = open();
      await log.record(event({ entity: 'device', entityId: 1, label: 'web-01', action: 'create' }));
      clock.tick(60);
      await log.record(
        event({ entity: 'credential', entityId: 1, label: 'root @ web-01', fields: ['password'] }),
      );
      clock.tick(60);
      await log.record(
        event({
          entity: 'credential',
          entityId: 2,
          label: 'pg @ db-02',
          actor: 'bob',
          detail: 'Password generated',
        }),
      );
      clock.tick(60);
      await log.record(
        event({ entity: 'credential', entityId: 1, label: 'root @ web-01', action: 'reveal_password' }),
      );
    });
    const seqs = (page: { entries: AuditEntry[] }) => page.entries.map((e) => e.seq);

    it('lists newest first with a total, one page at a time', () => {
      expect(seqs(log.list({}, 0, 10))).toEqual([4, 3, 2, 1]);
      expect(log.list({}, 1, 2)).toMatchObject({ total: 4 });
      expect(seqs(log.list({}, 1, 2))).toEqual([3, 2]);
      expect(seqs(log.list({}, 10, 2))).toEqual([]);
    });

    it('filters by entity and id, action, actor, time and text (label, detail, field names)', () => {
      expect(seqs(log.list({ entity: 'credential', entityId: 1 }, 0, 10))).toEqual([4, 2]);
      expect(seqs(log.list({ entity: 'credential' }, 0, 10))).toEqual([4, 3, 2]);
      expect(seqs(log.list({ action: 'reveal_password' }, 0, 10))).toEqual([4]);
      expect(seqs(log.list({ actor: 'BOB' }, 0, 10))).toEqual([3]);
      expect(seqs(log.list({ text: 'WEB-01' }, 0, 10))).toEqual([4, 2, 1]);
      expect(seqs(log.list({ text: 'generated' }, 0, 10))).toEqual([3]);
      expect(seqs(log.list({ text: 'password' }, 0, 10))).toEqual([3, 2]);
      expect(
        seqs(log.list({ from: '2026-11-29T10:01:00.000Z', to: '2026-11-29T11:02:00+01:00' }, 0, 10)),
      ).toEqual([3, 2]);
      expect(log.forEntity('credential', 1).map((e) => e.seq)).toEqual([4, 2]);
    });

    it('exports the filtered entries as CSV', () => {
      const { csv, count } = log.exportCsv({ entity: 'credential' });
      expect(count).toBe(3);
      const rows = csv.split('\r\n');
      expect(rows[0]).toBe('Seq,Time,Actor,Action,Entity,Entity ID,Label,Fields,Result,Detail,Changes');
      expect(rows[1]).toBe(
        '4,2026-11-29T10:03:00.000Z,alice,reveal_password,credential,1,root @ web-01,,success,,',
      );
      expect(rows).toHaveLength(5); // header, 3 rows, and the empty rest after the last CRLF
    });
  });
});
