/**
 * Trusted SSH host keys of the addresses a screen shows (the Device dialog's Connectivity tab):
 * loaded per address on demand, kept current by `hostKeys.changed` (a run may trust a key on first
 * use while the dialog is open).
 */
import { create } from 'zustand';
import { sameHost, type HostKey, type HostKeyScan } from '../../shared/domain/host-key';
import type { Result } from '../../shared/result';
import { api } from '../api/client';
import { latestRequestByKey } from './latest-request';

export type HostKeysOfHost =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; keys: HostKey[] };

export interface HostKeysState {
  /** By address as lower case (the core matches addresses without case). */
  byHost: Record<string, HostKeysOfHost>;
  load: (host: string) => Promise<void>;
  scan: (host: string, port: number) => Promise<Result<HostKeyScan>>;
  trust: (host: string, port: number, fingerprint: string) => Promise<Result<HostKey>>;
  forget: (id: number) => Promise<Result<{ id: number }>>;
}

/** The store's key of an address: the core matches addresses as `sameHost` does. */
export const hostKeyOf = sameHost;

/** The latest load per address wins: answers to older ones are dropped. */
const loads = latestRequestByKey<string>();

export const useHostKeysStore = create<HostKeysState>()((set) => ({
  byHost: {},
  load: async (host) => {
    const key = hostKeyOf(host);
    const isLatest = loads.begin(key);
    set((s) => ({ byHost: { ...s.byHost, [key]: s.byHost[key] ?? { status: 'loading' } } }));
    const result = await api.call('hostKeys.list', { host });
    if (!isLatest()) return;
    const next: HostKeysOfHost = result.ok
      ? { status: 'ready', keys: result.value }
      : { status: 'error', message: result.message };
    set((s) => ({ byHost: { ...s.byHost, [key]: next } }));
  },
  scan: (host, port) => api.call('hostKeys.scan', { host, port }),
  trust: (host, port, fingerprint) => api.call('hostKeys.trust', { host, port, fingerprint }),
  forget: (id) => api.call('hostKeys.forget', { id }),
}));

/** Refetches the addresses that changed, if a screen has loaded them. */
const unsubscribe = api.subscribe('hostKeys.changed', ({ hosts }) => {
  const { byHost, load } = useHostKeysStore.getState();
  for (const host of hosts) if (byHost[hostKeyOf(host)] !== undefined) void load(host);
});

import.meta.hot?.dispose(() => unsubscribe());
