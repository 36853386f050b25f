/**
 * The application settings as the core holds them. Loaded once at start-up and kept current by the
 * `settings.changed` push event (subscribed here, once, at module scope), so every screen and the
 * theme see the same saved values.
 */
import { create } from 'zustand';
import type { Settings } from '../../shared/domain/settings';
import type { Result } from '../../shared/result';
import { api } from '../api/client';
import { useAppStore } from './app-store';

export interface SettingsState {
  /** The saved settings; undefined until the first `settings.get` answers. */
  settings: Settings | undefined;
  loading: boolean;
  /** Why the last load failed, for the settings screen's retry. */
  loadError: string | undefined;
  load: () => Promise<void>;
  /** Sends the whole form; the caller shows the failure beside its field. */
  save: (next: Settings) => Promise<Result<Settings>>;
}

export const useSettingsStore = create<SettingsState>()((set) => ({
  settings: undefined,
  loading: false,
  loadError: undefined,
  load: async () => {
    set({ loading: true, loadError: undefined });
    const result = await api.call('settings.get', undefined);
    if (result.ok) {
      set({ settings: result.value, loading: false });
    } else {
      set({ loading: false, loadError: result.message });
      useAppStore.getState().reportFailure('Could not load the settings', result);
    }
  },
  save: async (next) => {
    const result = await api.call('settings.set', next);
    if (result.ok) set({ settings: result.value });
    return result;
  },
}));

// Module-scope subscription: made once per page load. Another window (or the core itself) may
// change the settings; every view follows.
const unsubscribe = api.subscribe('settings.changed', (settings) => useSettingsStore.setState({ settings }));
void useSettingsStore.getState().load();

import.meta.hot?.dispose(unsubscribe);
