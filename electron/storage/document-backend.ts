import { mkdirSync } from 'node:fs';
import { privateDirMode, privateFileMode } from '../platform/private-data-dir';

/**
 * The configuration file's backend: electron-store in the Electron shell, `conf` in plain Node.
 * Both read and write the whole JSON document; the ConfigStore above them coalesces writes.
 */
export interface DocumentBackend {
  readonly path: string;
  read(): Record<string, unknown>;
  write(document: Record<string, unknown>): void;
}

/**
 * Opens (or creates) the backend for `<dir>/<name>.json`. It must throw when the file exists but is
 * not valid JSON, instead of resetting it (`clearInvalidConfig: false`).
 */
export type BackendFactory = (dir: string, name: string) => DocumentBackend;

/** The part of the Conf API that electron-store shares, so one adapter serves both. */
export interface ConfLike {
  readonly path: string;
  store: Record<string, unknown>;
}

/** Conf's own bookkeeping key. */
const internalKey = '__internal__';

export const confLikeBackend = (conf: ConfLike): DocumentBackend => ({
  path: conf.path,
  read: () => conf.store,
  write: (document) => {
    // Without its bookkeeping key in the value, Conf re-reads and parses the whole file before
    // every write to carry the key over: with 10,000 credentials that doubles a save's cost.
    conf.store = Object.hasOwn(document, internalKey) ? document : { ...document, [internalKey]: {} };
  },
});

/** Compact JSON: Conf's default indents with tabs, a third more bytes to write on every save. */
export const compactJson = (value: unknown): string => JSON.stringify(value);

/**
 * What both Conf-based backends need so their files are private: Conf's default file mode is 0666
 * (0644 after the usual umask), and it creates a missing folder (`credentials/`) with the umask.
 */
export function privateConfOptions(dir: string): { cwd: string; configFileMode: number } {
  mkdirSync(dir, { recursive: true, mode: privateDirMode });
  return { cwd: dir, configFileMode: privateFileMode };
}
