import { existsSync, renameSync } from 'node:fs';
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

export interface OpenOptions {
  readonly dir: string;
  readonly name: string;
  readonly createBackend: BackendFactory;
  readonly now: () => Date;
  readonly migrations?: readonly Migration[];
}

/**
 * The configuration document (settings now; devices, credentials and templates later), kept in
 * memory and written back whole. Writes are coalesced: every `update` in one turn of the event loop
 * becomes one file write, because every write rewrites the whole file.
 *
 * A file that is not valid JSON is never overwritten: it is renamed aside and reported in
 * `problems`, and the app starts with an empty document.
 */
export class ConfigStore {
  #document: Record<string, unknown>;
  #pending: Promise<void> | undefined;

  private constructor(
    private readonly backend: DocumentBackend,
    readonly problems: readonly StoreProblem[],
  ) {
    this.#document = structuredClone(backend.read());
  }

  static open(options: OpenOptions): ConfigStore {
    const problems: StoreProblem[] = [];
    const backend = openOrSetAside(options, problems);
    const store = new ConfigStore(backend, problems);
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

function openOrSetAside(options: OpenOptions, problems: StoreProblem[]): DocumentBackend {
  try {
    return options.createBackend(options.dir, options.name);
  } catch (error) {
    const path = join(options.dir, `${options.name}.json`);
    if (!existsSync(path)) throw error;
    const stamp = options.now().toISOString().replace(/[:.]/g, '-');
    const aside = join(options.dir, `${options.name}.corrupt-${stamp}.json`);
    renameSync(path, aside);
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'unreadable';
    problems.push({
      message:
        `The configuration file ${path} could not be read (${reason ?? 'unreadable'}). It was kept as ` +
        `${aside} and the app started with an empty configuration.`,
    });
    return options.createBackend(options.dir, options.name);
  }
}
