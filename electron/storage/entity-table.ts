import type { ConfigStore } from './config-store';

export interface Row {
  readonly id: number;
}

/**
 * One kind of entity kept as an array in one section of a ConfigStore, with an in-memory index by
 * id and a persistent id counter (ids are never reused, so audit entries keep pointing at the
 * right record after a delete).
 *
 * Rows are validated by the caller when loaded (`parse`), so a hand-edited file cannot smuggle in
 * a row that breaks the schema.
 */
export class EntityTable<T extends Row> {
  readonly #rows = new Map<number, T>();
  #nextId: number;

  constructor(
    private readonly store: ConfigStore,
    private readonly section: string,
    parse: (raw: unknown) => T,
  ) {
    const stored = store.get(section) as { nextId?: unknown; rows?: unknown } | undefined;
    const rows = Array.isArray(stored?.rows) ? stored.rows : [];
    for (const raw of rows) {
      const row = parse(raw);
      this.#rows.set(row.id, row);
    }
    const maxId = Math.max(0, ...this.#rows.keys());
    this.#nextId = typeof stored?.nextId === 'number' && stored.nextId > maxId ? stored.nextId : maxId + 1;
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

  /** Inserts or replaces rows and writes the section once, at the end of this turn. */
  put(...rows: T[]): Promise<void> {
    for (const row of rows) this.#rows.set(row.id, row);
    return this.#persist();
  }

  remove(id: number): Promise<void> {
    this.#rows.delete(id);
    return this.#persist();
  }

  #persist(): Promise<void> {
    return this.store.update(this.section, { nextId: this.#nextId, rows: [...this.#rows.values()] });
  }
}
