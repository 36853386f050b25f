/// <reference types="vite/client" />
// (The store under test uses Vite's import.meta.hot.)
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { aDevice } from './fixtures';
import { settle, type fakeApi } from './fake-api';

const fake = vi.hoisted(() => ({ current: undefined as ReturnType<typeof fakeApi> | undefined }));
vi.mock('../../../renderer/api/client', async () => {
  const { fakeApi: make } = await import('./fake-api');
  fake.current = make();
  return { api: fake.current.api };
});

const { useDevicesStore } = await import('../../../renderer/stores/devices-store');
const calls = () => fake.current?.calls ?? [];
const lastCall = () => {
  const call = calls().at(-1);
  if (!call) throw new Error('no call was made');
  return call;
};

const initial = useDevicesStore.getState();
beforeEach(() => {
  useDevicesStore.setState(initial, true);
  calls().length = 0;
});

const input = { name: 'web-2', address: '10.0.0.2', type: 'Server' as const };

describe('devices store', () => {
  it('places a saved device where the core lists it: web-2 between web-1 and web-10', async () => {
    useDevicesStore.setState({
      devices: [aDevice({ id: 1, name: 'web-1' }), aDevice({ id: 10, name: 'web-10' })],
    });
    const done = useDevicesStore.getState().save(undefined, input);
    expect(lastCall()).toMatchObject({ method: 'devices.save', input: { device: input } });
    lastCall().resolve({ ok: true, value: aDevice({ id: 2, name: 'web-2' }) });
    await done;
    expect(useDevicesStore.getState().devices.map((d) => d.name)).toEqual(['web-1', 'web-2', 'web-10']);
  });

  it('names the version an update started from', () => {
    void useDevicesStore.getState().save(4, input, '2026-01-01T00:00:00.000Z');
    expect(lastCall().input).toEqual({ id: 4, device: input, expectedUpdatedAt: '2026-01-01T00:00:00.000Z' });
  });

  it('drops an older list that arrives after a newer one, and keeps the newer one', async () => {
    const { load } = useDevicesStore.getState();
    void load();
    void load();
    const [older, newer] = calls();
    newer?.resolve({ ok: true, value: [aDevice({ id: 2, name: 'newer' })] });
    older?.resolve({ ok: false, code: 'internal', message: 'late failure' });
    await settle();
    const state = useDevicesStore.getState();
    expect(state.devices.map((d) => d.name)).toEqual(['newer']);
    expect(state.loadError).toBeUndefined();
    expect(state.loaded).toBe(true);
  });

  it('shows a failed load and keeps the rows it had', async () => {
    useDevicesStore.setState({ devices: [aDevice()] });
    void useDevicesStore.getState().load();
    lastCall().resolve({ ok: false, code: 'internal', message: 'disk full' });
    await settle();
    expect(useDevicesStore.getState()).toMatchObject({ loadError: 'disk full', loading: false });
    expect(useDevicesStore.getState().devices).toHaveLength(1);
  });
});
