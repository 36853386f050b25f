// The session store is what a crash leaves behind: the last state of each session, on disk before
// the lifecycle acted on the target. A line cut short is skipped and reported, never rewritten.
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/domain/session';
import { compactAfterLines, SessionStore, sessionsFileName } from '../../../electron/lifecycle/session-store';
import { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  dir = makeTempDir('jit-sessions-');
});
afterEach(() => dir.remove());

const session = (id: string, state: Session['state'], changes: Partial<Session> = {}): Session => ({
  id,
  credentialId: 1,
  credentialLabel: 'app @ db-01',
  deviceId: 1,
  jitType: 'create_delete',
  pluginId: 'postgresql',
  account: 'senseg0000001',
  requester: 'alice',
  state,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  expiresAt: '2026-12-01T11:00:00.000Z',
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
  ...changes,
});

describe('SessionStore', () => {
  it('keeps the last state of each session across a reopen, in a private file', async () => {
    const store = SessionStore.open({ dir: dir.path });
    await store.save(session('a', 'requested'));
    await store.save(session('a', 'provisioning'));
    await store.save(session('b', 'requested', { credentialId: 2 }));
    await store.close();

    const path = join(dir.path, sessionsFileName);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const reopened = SessionStore.open({ dir: dir.path });
    expect(reopened.problems).toEqual([]);
    expect(reopened.get('a')?.state).toBe('provisioning');
    expect(reopened.holdingAccounts().map((s) => s.id)).toEqual(['a']);
    expect(reopened.liveOf(2).map((s) => s.id)).toEqual(['b']);
    await reopened.close();
  });

  it('skips and reports a last line cut short by a crash, leaves it in the file, and appends after it', async () => {
    const store = SessionStore.open({ dir: dir.path });
    await store.save(session('a', 'provisioning'));
    await store.close();
    const path = join(dir.path, sessionsFileName);
    // The crash cut the next state ("active") in the middle of its line.
    const torn = JSON.stringify(session('a', 'active')).slice(0, 40);
    appendFileSync(path, torn);

    const reopened = SessionStore.open({ dir: dir.path });
    expect(reopened.problems).toHaveLength(1);
    expect(reopened.problems[0]?.message).toMatch(/line 2/);
    // The state before the torn line stands: the account may exist, the sweep must end it.
    expect(reopened.get('a')?.state).toBe('provisioning');
    await reopened.save(session('a', 'ending'));
    await reopened.close();

    const text = readFileSync(path, 'utf8');
    expect(text).toContain(`${torn}\n`);
    const again = SessionStore.open({ dir: dir.path });
    expect(again.get('a')?.state).toBe('ending');
    expect(again.problems).toHaveLength(1);
    await again.close();
  });

  it('refuses a record that does not fit the schema, and writes nothing', async () => {
    const store = SessionStore.open({ dir: dir.path });
    await expect(store.save({ ...session('a', 'active'), cleanupAttempts: -1 })).rejects.toThrow();
    expect(store.get('a')).toBeUndefined();
    await store.close();
  });

  it('lists newest first, filtered to the live sessions', async () => {
    const store = SessionStore.open({ dir: dir.path });
    await store.save(session('old', 'ended', { createdAt: '2026-12-01T09:00:00.000Z' }));
    await store.save(session('new', 'active'));
    expect(store.list({}, 0, 10).sessions.map((s) => s.id)).toEqual(['new', 'old']);
    expect(store.list({ live: true }, 0, 10)).toMatchObject({ total: 1, sessions: [{ id: 'new' }] });
    await store.close();
  });

  it('refuses a save after close, clearly, and writes nothing', async () => {
    const store = SessionStore.open({ dir: dir.path });
    await store.save(session('a', 'requested'));
    await store.close();
    const path = join(dir.path, sessionsFileName);
    const before = readFileSync(path, 'utf8');
    await expect(store.save(session('a', 'provisioning'))).rejects.toThrow(
      'The session store is closed: session a was not saved',
    );
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(store.get('a')?.state).toBe('requested');
  });

  it('reads a record written before enabledBefore existed as not enabled before', async () => {
    const { enabledBefore: _, ...old } = session('a', 'active', {
      jitType: 'enable_disable',
      account: 'app',
    });
    appendFileSync(join(dir.path, sessionsFileName), `${JSON.stringify(old)}\n`, { mode: 0o600 });
    const store = SessionStore.open({ dir: dir.path });
    expect(store.problems).toEqual([]);
    expect(store.get('a')).toMatchObject({ state: 'active', enabledBefore: false });
    await store.close();
  });

  it('filters by text in the account, the credential and the requester, case-insensitively', async () => {
    const store = SessionStore.open({ dir: dir.path });
    await store.save(session('a', 'ended', { account: 'senseg1234567', requester: 'alice' }));
    await store.save(session('b', 'active', { credentialLabel: 'app @ DB-02', requester: 'bob' }));
    const ids = (text: string) => store.list({ text }, 0, 10).sessions.map((s) => s.id);
    expect(ids('SENSEG1234')).toEqual(['a']);
    expect(ids('db-02')).toEqual(['b']);
    expect(ids('bob')).toEqual(['b']);
    expect(ids('nobody')).toEqual([]);
    await store.close();
  });

  describe('a start rewrites a file of mostly earlier states with the last state of each session', () => {
    const path = () => join(dir.path, sessionsFileName);
    const lineCount = () =>
      readFileSync(path(), 'utf8')
        .split('\n')
        .filter((l) => l !== '').length;
    /** `sessions` sessions of `states` lines each, the last one Ended, written as the app appends. */
    const writeHistory = (sessions: number, states: number) => {
      const lines: string[] = [];
      for (let i = 0; i < sessions; i++) {
        for (let k = 0; k < states; k++) {
          const state = k === states - 1 ? 'ended' : k === 0 ? 'requested' : 'active';
          lines.push(JSON.stringify(session(`s${i}`, state, { cleanupAttempts: k })));
        }
      }
      appendFileSync(path(), `${lines.join('\n')}\n`, { mode: 0o600 });
    };

    it('one line per session, the last state of each, still private, and saves go on after it', async () => {
      writeHistory(200, 6);
      expect(lineCount()).toBe(1200);
      const store = SessionStore.open({ dir: dir.path });
      expect(lineCount()).toBe(200);
      expect(statSync(path()).mode & 0o777).toBe(0o600);
      expect(store.problems).toEqual([]);
      expect(store.get('s7')).toMatchObject({ state: 'ended', cleanupAttempts: 5 });
      expect(store.all()).toHaveLength(200);
      await store.save(session('s7', 'ended', { cleanupAttempts: 9 }));
      await store.close();
      expect(lineCount()).toBe(201);
      const again = SessionStore.open({ dir: dir.path });
      expect(again.get('s7')?.cleanupAttempts).toBe(9);
      await again.close();
    });

    it(`leaves a file with fewer than ${compactAfterLines} earlier states as it is`, async () => {
      // 150 sessions of 7 lines: 900 earlier states, more than the sessions but under the bound.
      writeHistory(150, 7);
      const before = readFileSync(path(), 'utf8');
      const store = SessionStore.open({ dir: dir.path });
      await store.close();
      expect(readFileSync(path(), 'utf8')).toBe(before);
    });

    it('keeps the fields this build does not know (a newer build wrote them) in the lines it keeps', async () => {
      writeHistory(200, 6);
      const future = { ...session('s3', 'ended', { cleanupAttempts: 7 }), futureField: { keep: true } };
      appendFileSync(path(), `${JSON.stringify(future)}\n`);
      const store = SessionStore.open({ dir: dir.path });
      await store.close();
      const kept = readFileSync(path(), 'utf8')
        .split('\n')
        .filter((l) => l.includes('"s3"'));
      expect(kept).toHaveLength(1);
      expect(JSON.parse(kept[0] ?? '{}')).toMatchObject({ cleanupAttempts: 7, futureField: { keep: true } });
    });

    it('starts with the file as it is when the rewrite fails, says so, and leaves no temporary file', async () => {
      writeHistory(200, 6);
      const before = readFileSync(path(), 'utf8');
      // The temporary file's place is taken by a folder: the rewrite cannot even begin.
      const temp = `${path()}.${process.pid}.tmp`;
      mkdirSync(temp);
      const store = SessionStore.open({ dir: dir.path });
      expect(store.problems.map((p) => p.message)).toEqual([
        expect.stringMatching(/^The sessions file could not be compacted \(.+\); it is used as it is\.$/),
      ]);
      expect(store.get('s7')?.state).toBe('ended');
      await store.close();
      expect(readFileSync(path(), 'utf8')).toBe(before);
      rmdirSync(temp);
      expect(readdirSync(dir.path)).toEqual([sessionsFileName]);
    });

    it('with a line that did not parse, keeps the file as it was beside the compacted one, and says where', async () => {
      writeHistory(200, 6);
      appendFileSync(path(), '{"id":"torn\n');
      writeHistory(1, 2);
      const before = readFileSync(path(), 'utf8');
      const store = SessionStore.open({ dir: dir.path });
      expect(store.problems.map((p) => p.message)).toEqual([
        expect.stringMatching(
          /had 1 unreadable line\(s\) \(line 1201\), .* they were skipped\. The file was then compacted; as it was, with those lines, it is kept as .*sessions\.jsonl\.kept-.+\.$/,
        ),
      ]);
      await store.close();
      expect(lineCount()).toBe(200);
      const kept = readdirSync(dir.path).filter((name) => name.startsWith(`${sessionsFileName}.kept-`));
      expect(kept).toHaveLength(1);
      expect(readFileSync(join(dir.path, kept[0] ?? ''), 'utf8')).toBe(before);
      // The next start reads the compacted file with nothing to report.
      const again = SessionStore.open({ dir: dir.path });
      expect(again.problems).toEqual([]);
      expect(again.all()).toHaveLength(200);
      await again.close();
    });
  });
});
