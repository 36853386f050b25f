/// <reference types="vite/client" />
// (The store under test uses Vite's import.meta.hot.)
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { aSession, anOperation } from './fixtures';
import { settle, type fakeApi } from './fake-api';

const fake = vi.hoisted(() => ({
  current: undefined as ReturnType<typeof fakeApi> | undefined,
}));
vi.mock('../../../renderer/api/client', async () => {
  const { fakeApi: make } = await import('./fake-api');
  fake.current = make();
  return { api: fake.current.api };
});

const { useSessionsStore } = await import('../../../renderer/stores/sessions-store');
const api = () => {
  if (!fake.current) throw new Error('the api mock was not made');
  return fake.current;
};
const callsTo = (method: string) => api().calls.filter((c) => c.method === method);
const answer = (method: string, value: unknown) => {
  const call = callsTo(method).at(-1);
  if (!call) throw new Error(`no ${method} call`);
  call.resolve({ ok: true, value });
};

const initial = useSessionsStore.getState();
beforeEach(() => {
  useSessionsStore.setState(initial, true);
  api().calls.length = 0;
});

describe('sessions store: a followed session', () => {
  it('reads the session, follows sessions.changed, and reads each operation it names once', async () => {
    const stop = useSessionsStore.getState().follow('s1');
    expect(callsTo('sessions.get').at(-1)?.input).toEqual({ id: 's1' });
    answer('sessions.get', aSession({ id: 's1', state: 'requested' }));
    await settle();
    expect(useSessionsStore.getState().followed.s1?.state).toBe('requested');

    // Provisioning starts: the record names its operation before the run.
    const provisioning = aSession({
      id: 's1',
      state: 'provisioning',
      operationIds: ['op-a'],
      updatedAt: '2026-12-01T10:00:01.000Z',
    });
    api().emit('sessions.changed', provisioning);
    api().emit('sessions.changed', provisioning);
    expect(useSessionsStore.getState().followed.s1?.state).toBe('provisioning');
    expect(callsTo('operations.get').map((c) => c.input)).toEqual([{ id: 'op-a' }]);

    // Its steps stream in; an older answer of operations.get does not undo them.
    const step = { line: 1, command: 'BEGIN', output: 'BEGIN', ok: true, durationMs: 3 };
    const streamed = anOperation({
      id: 'op-a',
      sessionId: 's1',
      attempts: [
        {
          number: 1,
          startedAt: '2026-12-01T10:00:01.000Z',
          endedAt: null,
          status: 'Running',
          error: null,
          steps: [step],
        },
      ],
    });
    api().emit('operations.changed', streamed);
    expect(useSessionsStore.getState().operations['op-a']).toEqual(streamed);
    answer('operations.get', { ...streamed, attempts: [] });
    await settle();
    expect(useSessionsStore.getState().operations['op-a']).toEqual(streamed);

    // An operation of another session is not kept.
    api().emit('operations.changed', anOperation({ id: 'op-x', sessionId: 'other' }));
    expect(useSessionsStore.getState().operations['op-x']).toBeUndefined();

    // A slow, older record does not move the state back.
    api().emit('sessions.changed', aSession({ id: 's1', state: 'requested' }));
    expect(useSessionsStore.getState().followed.s1?.state).toBe('provisioning');

    stop();
    expect(useSessionsStore.getState().followed.s1).toBeUndefined();
    expect(useSessionsStore.getState().operations['op-a']).toBeUndefined();
  });

  it('keeps a session followed by two screens until both stop', async () => {
    const stopView = useSessionsStore.getState().follow('s2');
    const stopDialog = useSessionsStore.getState().follow('s2');
    answer('sessions.get', aSession({ id: 's2' }));
    await settle();
    stopDialog();
    expect(useSessionsStore.getState().followed.s2).toBeDefined();
    stopView();
    expect(useSessionsStore.getState().followed.s2).toBeUndefined();
    // Events for a session nobody follows are not kept.
    api().emit(
      'sessions.changed',
      aSession({ id: 's2', state: 'active', updatedAt: '2026-12-01T10:05:00.000Z' }),
    );
    expect(useSessionsStore.getState().followed.s2).toBeUndefined();
  });

  it('says why a session could not be read', async () => {
    const stop = useSessionsStore.getState().follow('gone');
    callsTo('sessions.get').at(-1)?.resolve({ ok: false, code: 'not_found', message: 'No session gone' });
    await settle();
    expect(useSessionsStore.getState().followErrors.gone).toBe('No session gone');
    stop();
  });
});

describe('sessions store: start, end, force close', () => {
  it('starts through sessions.start and answers the Requested session', async () => {
    const stop = useSessionsStore.getState().follow('s3');
    const started = useSessionsStore.getState().start(7);
    expect(callsTo('sessions.start').at(-1)?.input).toEqual({ credentialId: 7 });
    answer('sessions.start', aSession({ id: 's3' }));
    const result = await started;
    expect(result.ok && result.value.id).toBe('s3');
    stop();
  });

  it('passes a refusal on as it came (the screen shows it)', async () => {
    const ended = useSessionsStore.getState().forceClose('s4', 'too short');
    expect(callsTo('sessions.forceClose').at(-1)?.input).toEqual({ id: 's4', reason: 'too short' });
    callsTo('sessions.forceClose')
      .at(-1)
      ?.resolve({ ok: false, code: 'invalid_input', message: 'Say why', field: 'reason' });
    expect(await ended).toMatchObject({ ok: false, field: 'reason' });
  });
});

describe('sessions store: the Remote sessions page', () => {
  it('updates a listed row in place, and refetches (once, shortly) for a new matching session while watched', async () => {
    vi.useFakeTimers();
    try {
      const stop = useSessionsStore.getState().watch();
      const loading = useSessionsStore.getState().applyFilter({ live: true });
      answer('sessions.list', { total: 1, sessions: [aSession({ id: 'a', state: 'active' })] });
      await loading;
      const before = callsTo('sessions.list').length;

      api().emit(
        'sessions.changed',
        aSession({ id: 'a', state: 'ending', updatedAt: '2026-12-01T10:09:00.000Z' }),
      );
      expect(useSessionsStore.getState().sessions[0]?.state).toBe('ending');

      api().emit('sessions.changed', aSession({ id: 'b', state: 'requested' }));
      api().emit('sessions.changed', aSession({ id: 'c', state: 'requested' }));
      // A finished one does not match Live: no refetch for it.
      api().emit('sessions.changed', aSession({ id: 'd', state: 'ended' }));
      await vi.advanceTimersByTimeAsync(300);
      expect(callsTo('sessions.list').length).toBe(before + 1);
      stop();

      api().emit('sessions.changed', aSession({ id: 'e', state: 'requested' }));
      await vi.advanceTimersByTimeAsync(300);
      expect(callsTo('sessions.list').length).toBe(before + 1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refetches the page when a listed row stops matching its filter (force-closed under Needs attention)', async () => {
    vi.useFakeTimers();
    try {
      const stop = useSessionsStore.getState().watch();
      const loading = useSessionsStore.getState().applyFilter({ state: 'needs_attention' });
      answer('sessions.list', { total: 1, sessions: [aSession({ id: 'a', state: 'needs_attention' })] });
      await loading;
      const before = callsTo('sessions.list').length;

      api().emit(
        'sessions.changed',
        aSession({ id: 'a', state: 'force_closed', updatedAt: '2026-12-01T10:09:00.000Z' }),
      );
      expect(useSessionsStore.getState().sessions[0]?.state).toBe('force_closed');
      await vi.advanceTimersByTimeAsync(300);
      expect(callsTo('sessions.list').length).toBe(before + 1);
      answer('sessions.list', { total: 0, sessions: [] });
      await vi.advanceTimersByTimeAsync(0);
      expect(useSessionsStore.getState().sessions).toEqual([]);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
