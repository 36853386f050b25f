/// <reference types="vite/client" />
// (The store under test uses Vite's import.meta.hot.)
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { aTemplate, anOperation } from './fixtures';
import { settle, type fakeApi } from './fake-api';

const fake = vi.hoisted(() => ({
  current: undefined as ReturnType<typeof fakeApi> | undefined,
}));
vi.mock('../../../renderer/api/client', async () => {
  const { fakeApi: make } = await import('./fake-api');
  fake.current = make();
  return { api: fake.current.api };
});

const { useTemplatesStore } = await import('../../../renderer/stores/templates-store');
const api = () => {
  if (!fake.current) throw new Error('the api mock was not made');
  return fake.current;
};
const lastCall = () => {
  const call = api().calls.at(-1);
  if (!call) throw new Error('no call was made');
  return call;
};

const initial = useTemplatesStore.getState();
beforeEach(() => {
  useTemplatesStore.setState(initial, true);
  api().calls.length = 0;
});

const login = { credentialId: 7 };

describe('templates store: Test on a device', () => {
  const runIdOf = (input: unknown) => (input as { runId: string }).runId;

  it('asks operations.testTemplate with the request and a run id, and follows that run in liveTest', async () => {
    const request = { templateId: 3, deviceId: 5, login, username: 'jit_0000001' };
    const done = useTemplatesStore.getState().test(request);

    expect(lastCall().method).toBe('operations.testTemplate');
    const runId = runIdOf(lastCall().input);
    expect(runId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(lastCall().input).toEqual({ ...request, runId });
    const live = useTemplatesStore.getState().liveTest;
    expect(live).toEqual({ runId, operations: [] });

    // A step the core sends for this run shows in liveTest.
    const running = anOperation({ id: 'op-9', templateId: 3 });
    api().emit('operations.testProgress', { runId, operation: running });
    expect(useTemplatesStore.getState().liveTest?.operations).toEqual([running]);

    const finished = anOperation({ id: 'op-9', templateId: 3, status: 'Successful' });
    lastCall().resolve({ ok: true, value: finished });
    await expect(done).resolves.toEqual({ ok: true, value: finished });
    expect(useTemplatesStore.getState().liveTest).toBeUndefined();
  });

  it('keeps out of liveTest what is not its run: the broadcast list events and another run id', () => {
    void useTemplatesStore.getState().test({ templateId: 3, deviceId: 5, login });
    // Even an operation of the same template, started now, is not taken from the broadcast.
    api().emit('operations.changed', anOperation({ id: 'same-template', templateId: 3 }));
    api().emit('operations.testProgress', {
      runId: 'an-earlier-run',
      operation: anOperation({ id: 'earlier', templateId: 3 }),
    });
    expect(useTemplatesStore.getState().liveTest?.operations).toEqual([]);
  });

  it('ends the live run when the core refuses, and hands the failure back', async () => {
    const done = useTemplatesStore.getState().test({ templateId: 3, deviceId: 5, login });
    const refusal = { ok: false, code: 'invalid_input', message: 'No such device', field: 'deviceId' };
    lastCall().resolve(refusal);
    await expect(done).resolves.toEqual(refusal);
    expect(useTemplatesStore.getState().liveTest).toBeUndefined();
  });

  it('asks operations.testRoundTrip for a pair with a run id, following both halves', async () => {
    const request = {
      firstTemplateId: 3,
      secondTemplateId: 4,
      deviceId: 5,
      login,
      useOnAnotherDevice: true as const,
    };
    const done = useTemplatesStore.getState().testRoundTrip(request);

    expect(lastCall().method).toBe('operations.testRoundTrip');
    const runId = runIdOf(lastCall().input);
    expect(lastCall().input).toEqual({ ...request, runId });
    api().emit('operations.testProgress', {
      runId,
      operation: anOperation({ id: 'first-half', templateId: 3 }),
    });
    api().emit('operations.testProgress', {
      runId,
      operation: anOperation({ id: 'second-half', templateId: 4 }),
    });
    expect(useTemplatesStore.getState().liveTest?.operations.map((o) => o.id)).toEqual([
      'first-half',
      'second-half',
    ]);

    const value = { ok: true, operations: [], summary: 'Round trip passed' };
    lastCall().resolve({ ok: true, value });
    await expect(done).resolves.toEqual({ ok: true, value });
    expect(useTemplatesStore.getState().liveTest).toBeUndefined();
  });
});

describe('templates store: the list', () => {
  it('places a saved template where the core lists it (web-2 before web-10)', async () => {
    useTemplatesStore.setState({
      templates: [aTemplate({ id: 1, name: 'web-1' }), aTemplate({ id: 10, name: 'web-10' })],
    });
    const done = useTemplatesStore.getState().save(undefined, {
      name: 'web-2',
      pluginId: 'ssh',
      executionType: 'New user',
      content: '',
    });
    lastCall().resolve({ ok: true, value: aTemplate({ id: 2, name: 'web-2' }) });
    await done;
    expect(useTemplatesStore.getState().templates.map((t) => t.name)).toEqual(['web-1', 'web-2', 'web-10']);
  });

  it('drops an older list that arrives after a newer one', async () => {
    const { load } = useTemplatesStore.getState();
    const first = load();
    const second = load();
    const [older, newer] = api().calls;
    newer?.resolve({ ok: true, value: [aTemplate({ id: 2, name: 'newer' })] });
    await second;
    older?.resolve({ ok: true, value: [aTemplate({ id: 1, name: 'older' })] });
    await first;
    await settle();
    expect(useTemplatesStore.getState().templates.map((t) => t.name)).toEqual(['newer']);
  });
});
