/**
 * The built-in plugins. The list is fixed for a build, so it is read once and never refetched.
 */
import { create } from 'zustand';
import type { z } from 'zod';
import type { pluginSchema } from '../../shared/domain/plugin';
import { api } from '../api/client';

export type PluginRow = z.infer<typeof pluginSchema>;

export interface PluginsState {
  plugins: PluginRow[];
  loaded: boolean;
  loading: boolean;
  loadError: string | undefined;
  /** Reads the list unless it is already here (or on its way). */
  ensureLoaded: () => Promise<void>;
}

export const usePluginsStore = create<PluginsState>()((set, get) => ({
  plugins: [],
  loaded: false,
  loading: false,
  loadError: undefined,
  ensureLoaded: async () => {
    if (get().loaded || get().loading) return;
    set({ loading: true, loadError: undefined });
    const result = await api.call('plugins.list', undefined);
    if (result.ok) set({ plugins: result.value, loaded: true, loading: false });
    else set({ loading: false, loadError: result.message });
  },
}));
