import Conf from 'conf';
import { compactJson, confLikeBackend, privateConfOptions, type BackendFactory } from './document-backend';

/** Plain-Node backend (browser host, tests): `conf`, the library electron-store is built on. */
export const confBackendFactory: BackendFactory = (dir, name) =>
  confLikeBackend(
    new Conf<Record<string, unknown>>({
      ...privateConfOptions(dir),
      configName: name,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      watch: false,
      serialize: compactJson,
    }),
  );
