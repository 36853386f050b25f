/**
 * Every device, as `devices.list` returns it (with its credential count). Kept current by
 * `devices.changed`, and by `credentials.changed` because credentials move the counts.
 */
import { create } from 'zustand';
import type { Id } from '../../shared/domain/common';
import type { Device, DeviceInput } from '../../shared/domain/device';
import type { Result } from '../../shared/result';
import { api } from '../api/client';
import { placeByName, wholeListLoad } from './whole-list';

export interface DevicesState {
  devices: Device[];
  /** False until the first list arrives, so screens can tell "loading" from "no devices". */
  loaded: boolean;
  loading: boolean;
  loadError: string | undefined;
  load: () => Promise<void>;
  /**
   * Creates (no id) or updates; the caller shows a failure beside its field. An update names the
   * `updatedAt` it started from, so a save made elsewhere since is refused, not overwritten.
   */
  save: (id: Id | undefined, device: DeviceInput, expectedUpdatedAt?: string) => Promise<Result<Device>>;
  remove: (id: Id) => Promise<Result<{ id: Id }>>;
}

export const useDevicesStore = create<DevicesState>()((set, get) => ({
  devices: [],
  loaded: false,
  loading: false,
  loadError: undefined,
  load: wholeListLoad('devices', () => api.call('devices.list', undefined), set),
  save: async (id, device, expectedUpdatedAt) => {
    const result = await api.call(
      'devices.save',
      id === undefined
        ? { device }
        : { id, device, ...(expectedUpdatedAt === undefined ? {} : { expectedUpdatedAt }) },
    );
    // Shown at once, where the core's list puts it; the `devices.changed` event that follows
    // refetches the list anyway.
    if (result.ok) set({ devices: placeByName(get().devices, result.value) });
    return result;
  },
  remove: async (id) => {
    const result = await api.call('devices.delete', { id });
    if (result.ok) set({ devices: get().devices.filter((d) => d.id !== id) });
    return result;
  },
}));

/** Refetches only when someone has loaded the list: a closed screen costs nothing. */
const refresh = () => {
  if (useDevicesStore.getState().loaded) void useDevicesStore.getState().load();
};
const unsubscribers = [
  api.subscribe('devices.changed', refresh),
  api.subscribe('credentials.changed', refresh),
];

import.meta.hot?.dispose(() => {
  for (const unsubscribe of unsubscribers) unsubscribe();
});
