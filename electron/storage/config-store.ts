import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendFactory, DocumentBackend } from './document-backend';
import { latestSchemaVersion, migrations as defaultMigrations, type Migration } from './migrations';

export interface StoreProblem {
  readonly message: string;
}

export class StoreTooNewError extends Error {
  constructor(path: string, version: number) {
    super(
      `${path} was written by a newer version of the app (schema ${version}, this one knows ` +
        `${latestSchemaVersion}). It was left untouched; use the newer version or another --data-dir.`,
    );
    this.name = 'StoreTooNewError';
  }
}

/**
 * The file exists but could not be read (an I/O error, a folder in its place, permissions): not
 * proof that it is corrupt, so it is neither set aside nor written over, and the app does not start.
 */
export class StoreReadError extends Error {
  constructor(path: string, cause: unknown) {
    super(
      `${path} could not be read (${reasonOf(cause)}). It was left as it is and nothing was written ` +
        'over it; fix the cause (disk, permissions, something else in its place) and start again.',
    );
    this.name = 'StoreReadError';
  }
}

export interface OpenOptions {
  readonly dir: string;
  readonly name: string;
  readonly createBackend: BackendFactory;
  readonly now: () => Date;
  readonly migrations?: readonly Migration[];
  /** Reads the file (tests inject failures); `fs.readFileSync` by default. */
  readonly readFile?: (path: string) => string;
}

/**
 * The configuration document (settings now; devices, credentials and templates later), kept in
 * memory and written back whole. Writes are coalesced: every `update` in one turn of the event loop
 * becomes one file write, because every write rewrites the whole file.
 *
 * A file that is not a JSON object is never overwritten: it is renamed aside and reported in
 * `problems`, and the app starts with an empty document. A file that cannot be read at all is left
 * alone and `open` throws StoreReadError: a passing I/O error is no reason to lose the file.
 */
export class ConfigStore {
  #document: Record<string, unknown>;
  #pending: Promise<void> | undefined;

  private constructor(
    private readonly backend: DocumentBackend,
    document: Record<string, unknown> | undefined,
    readonly problems: readonly StoreProblem[],
  ) {
    this.#document = document ?? structuredClone(backend.read());
  }

  static open(options: OpenOptions): ConfigStore {
    const problems: StoreProblem[] = [];
    const document = readOrSetAside(options, problems);
    let backend: DocumentBackend;
    try {
      backend = options.createBackend(options.dir, options.name);
    } catch (error) {
      // The file read and parsed a moment ago: this can only be an I/O error.
      throw new StoreReadError(pathOf(options), error);
    }
    const store = new ConfigStore(backend, document, problems);
    store.#migrate(options.migrations ?? defaultMigrations);
    return store;
  }

  get path(): string {
    return this.backend.path;
  }

  /** A top-level section as stored: callers validate it with its schema before trusting it. */
  get(key: string): unknown {
    return this.#document[key];
  }

  /**
   * Replaces one top-level section; the file is written at the end of this turn. The value is kept
   * by reference: callers hand over a fresh value and do not mutate it afterwards.
   */
  update(key: string, value: unknown): Promise<void> {
    this.#document[key] = value;
    return this.#schedule();
  }

  /** Writes now if anything is pending (on quit). */
  flush(): void {
    if (this.#pending) this.backend.write(this.#document);
  }

  #schedule(): Promise<void> {
    this.#pending ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        this.#pending = undefined;
        try {
          this.backend.write(this.#document);
          resolve();
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    return this.#pending;
  }

  #migrate(migrations: readonly Migration[]): void {
    const found = this.#document.schemaVersion;
    const version = typeof found === 'number' ? found : 0;
    const latest = migrations.at(-1)?.version ?? 0;
    if (version > latest) throw new StoreTooNewError(this.backend.path, version);
    if (version === latest) return;
    let document = this.#document;
    for (const migration of migrations) {
      if (migration.version <= version) continue;
      document = { ...migration.up(document), schemaVersion: migration.version };
    }
    this.#document = document;
    this.backend.write(document);
  }
}

const pathOf = (options: OpenOptions) => join(options.dir, `${options.name}.json`);

const reasonOf = (error: unknown) =>
  (error instanceof Error ? error.message.split('\n')[0] : undefined) ?? 'unreadable';

/**
 * The document as stored, or undefined when there is no file yet. Only content that is not a JSON
 * object sends the file aside; a failure to read it throws StoreReadError.
 */
function readOrSetAside(options: OpenOptions, problems: StoreProblem[]): Record<string, unknown> | undefined {
  const path = pathOf(options);
  let text: string;
  try {
    text = (options.readFile ?? ((p: string) => readFileSync(p, 'utf8')))(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StoreReadError(path, error);
  }
  let reason: string;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
    const kind = Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value;
    reason = `it holds ${kind}, not an object`;
  } catch (error) {
    reason = reasonOf(error);
  }
  const stamp = options.now().toISOString().replace(/[:.]/g, '-');
  const aside = join(options.dir, `${options.name}.corrupt-${stamp}.json`);
  renameSync(path, aside);
  problems.push({
    message:
      `The configuration file ${path} could not be read (${reason}). It was kept as ` +
      `${aside} and the app started with an empty configuration.`,
  });
  return undefined;
}
