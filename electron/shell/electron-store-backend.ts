import Store from 'electron-store';
import {
  compactJson,
  confLikeBackend,
  privateConfOptions,
  type BackendFactory,
} from '../storage/document-backend';

/** Electron-shell backend: electron-store (Conf plus Electron's paths and IPC niceties). */
export const electronStoreBackendFactory: BackendFactory = (dir, name) =>
  confLikeBackend(
    new Store<Record<string, unknown>>({
      ...privateConfOptions(dir),
      name,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      watch: false,
      serialize: compactJson,
    }),
  );
