/**
 * The vault's state (uninitialized, locked, unlocked) as the core reports it. The gate in front of
 * the app renders from this store alone. Passphrases never enter the store: the screens pass them
 * straight through to the core and forget them.
 */
import { create } from 'zustand';
import type { VaultStatus } from '../../shared/domain/vault';
import type { Result } from '../../shared/result';
import { api } from '../api/client';

export interface VaultState {
  /** Undefined until `vault.status` first answers. */
  status: VaultStatus | undefined;
  loading: boolean;
  /** Why the last `vault.status` failed; the gate shows it with a retry. */
  loadError: string | undefined;
  load: () => Promise<void>;
  setup: (passphrase: string) => Promise<Result<VaultStatus>>;
  unlock: (passphrase: string) => Promise<Result<VaultStatus>>;
  lock: () => Promise<Result<VaultStatus>>;
  changePassphrase: (current: string, next: string) => Promise<Result<VaultStatus>>;
}

export const useVaultStore = create<VaultState>()((set) => {
  /** Every call that answers with a status makes it the current one. */
  const adopt = (result: Result<VaultStatus>): Result<VaultStatus> => {
    if (result.ok) set({ status: result.value, loadError: undefined });
    return result;
  };
  return {
    status: undefined,
    loading: false,
    loadError: undefined,
    load: async () => {
      set({ loading: true, loadError: undefined });
      const result = await api.call('vault.status', undefined);
      if (result.ok) set({ status: result.value, loading: false });
      else set({ loading: false, loadError: result.message });
    },
    setup: async (passphrase) => adopt(await api.call('vault.setup', { passphrase })),
    unlock: async (passphrase) => adopt(await api.call('vault.unlock', { passphrase })),
    lock: async () => adopt(await api.call('vault.lock', undefined)),
    changePassphrase: async (current, next) =>
      adopt(await api.call('vault.changePassphrase', { current, next })),
  };
});

// Module-scope subscription, made once per page load: a lock from another window, or the core
// locking itself, closes this window's gate too.
const unsubscribe = api.subscribe('vault.changed', (status) =>
  useVaultStore.setState({ status, loadError: undefined }),
);
void useVaultStore.getState().load();

import.meta.hot?.dispose(unsubscribe);
