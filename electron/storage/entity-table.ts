import type { ConfigStore } from './config-store';

export interface Row {
  readonly id: number;
}

/** What a table section holds on disk: the rows and the id counter. */
export interface StoredSection<T> {
  readonly nextId: number;
  readonly rows: T[];
}

/**
 * Where a table's rows are written. A write names the ids that changed; the storage decides how
 * much around them it rewrites (the whole section, or only the file of their id range).
 */
export interface RowStorage<T extends Row> {
  write(changed: readonly number[], rows: ReadonlyMap<number, T>, nextId: number): Promise<void>;
}

/** The whole table in one section of one store: every write rewrites the section. */
export function sectionStorage<T extends Row>(store: ConfigStore, section: string): RowStorage<T> {
  return {
    write: (_changed, rows, nextId) =>
      store.update(section, { nextId, rows: [...rows.values()] } satisfies StoredSection<T>),
  };
}

/**
 * One kind of entity, with an in-memory index by id and a persistent id counter (ids are never
 * reused, so audit entries keep pointing at the right record after a delete).
 *
 * Rows arrive validated (table-loader.ts), so a hand-edited file cannot smuggle in a row that
 * breaks the schema.
 */
export class EntityTable<T extends Row> {
  readonly #rows = new Map<number, T>();
  #nextId: number;

  constructor(
    private readonly storage: RowStorage<T>,
    loaded: { readonly rows: Iterable<T>; readonly nextId: number },
  ) {
    for (const row of loaded.rows) this.#rows.set(row.id, row);
    let maxId = 0;
    for (const id of this.#rows.keys()) maxId = Math.max(maxId, id);
    this.#nextId = Math.max(loaded.nextId, maxId + 1);
  }

  get size(): number {
    return this.#rows.size;
  }

  get(id: number): T | undefined {
    return this.#rows.get(id);
  }

  all(): IterableIterator<T> {
    return this.#rows.values();
  }

  /** Reserves the next id without writing (for building a row before inserting it). */
  allocateId(): number {
    return this.#nextId++;
  }

  /** Inserts or replaces rows; the storage writes them once, at the end of this turn. */
  put(...rows: T[]): Promise<void> {
    for (const row of rows) {
      this.#rows.set(row.id, row);
      // Rows built with ids of their own (an import, a test) still move the counter past them.
      if (row.id >= this.#nextId) this.#nextId = row.id + 1;
    }
    return this.storage.write(
      rows.map((row) => row.id),
      this.#rows,
      this.#nextId,
    );
  }

  remove(id: number): Promise<void> {
    this.#rows.delete(id);
    return this.storage.write([id], this.#rows, this.#nextId);
  }
}
