import { ipcMain } from 'electron';
import Store from 'electron-store';
import {
  compactJson,
  confLikeBackend,
  privateConfOptions,
  type BackendFactory,
} from '../storage/document-backend';

/**
 * The synchronous IPC channel electron-store answers, with the data directory's path, for stores
 * opened in a renderer. Ours are opened in the main process only, and the contract's channels are
 * to be the renderer's only way in, so it is removed again each time a store is opened.
 */
const electronStoreChannel = 'electron-store-get-data';

/** Electron-shell backend: electron-store (Conf plus Electron's paths). */
export const electronStoreBackendFactory: BackendFactory = (dir, name) => {
  const store = new Store<Record<string, unknown>>({
    ...privateConfOptions(dir),
    name,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    watch: false,
    serialize: compactJson,
  });
  ipcMain.removeAllListeners(electronStoreChannel);
  return confLikeBackend(store);
};
