import { readdirSync } from 'node:fs';
import type { ConfigStore } from './config-store';
import { flushEach } from './flush-each';
import type { Row, RowStorage, StoredSection } from './entity-table';

export interface IdRangeFilesOptions {
  /** The folder of the files, e.g. `<dataDir>/credentials`. */
  readonly dir: string;
  /** The section each file holds its rows in (as a single-file table would). */
  readonly section: string;
  /** Fixed when the table is first split (kept in its manifest): changing it would move rows. */
  readonly rowsPerFile: number;
  /** Opens or creates the store of one file name (without `.json`) in `dir`. */
  readonly open: (name: string) => ConfigStore;
}

/** A file of the table found on disk, with the ids it may hold. */
export interface RangeFile {
  readonly name: string;
  readonly store: ConfigStore;
  readonly first: number;
  readonly last: number;
}

/** A file named like a range of another layout, with the ids its name claims. */
export interface StrayFile {
  readonly name: string;
  readonly first: number;
  readonly last: number;
}

const fileName = /^ids-(\d+)-(\d+)\.json$/;

/**
 * A table split into one file per id range: ids 1 to 500 in `ids-1-500.json`, 501 to 1000 in
 * `ids-501-1000.json`, and so on. A save rewrites only the file of its range, where a single file
 * would be rewritten whole (about 7 MB at 10,000 credentials, most of a save's time).
 *
 * Each file is a ConfigStore and keeps its guarantees: atomic writes coalesced per turn, a corrupt
 * file set aside and reported, ordered migrations. Every file also records the table's id counter
 * at its last write; the table takes the highest on loading, so an id is never handed out twice.
 */
export class IdRangeFiles<T extends Row> implements RowStorage<T> {
  readonly #stores = new Map<number, ConfigStore>();

  constructor(private readonly options: IdRangeFilesOptions) {}

  /**
   * The range files present in the folder. Files named like ranges of another layout are
   * `strays`: never read or overwritten, only reported (their ids stay taken). Files with other
   * names are not the table's.
   */
  openExisting(): { files: RangeFile[]; strays: StrayFile[] } {
    const files: RangeFile[] = [];
    const strays: StrayFile[] = [];
    for (const entry of listJsonFiles(this.options.dir)) {
      const match = fileName.exec(entry);
      if (!match) continue;
      const first = Number(match[1]);
      const last = Number(match[2]);
      const index = this.indexOf(first);
      if (this.#nameOf(index) !== entry) {
        strays.push({ name: entry, first, last });
        continue;
      }
      const store = this.#store(index);
      files.push({ name: entry, store, ...this.rangeOf(index) });
    }
    return { files, strays };
  }

  indexOf(id: number): number {
    return Math.floor((id - 1) / this.options.rowsPerFile);
  }

  rangeOf(index: number): { first: number; last: number } {
    const first = index * this.options.rowsPerFile + 1;
    return { first, last: first + this.options.rowsPerFile - 1 };
  }

  write(changed: readonly number[], rows: ReadonlyMap<number, T>, nextId: number): Promise<void> {
    const indexes = new Set(changed.map((id) => this.indexOf(id)));
    return Promise.all([...indexes].map((index) => this.#writeFile(index, rows, nextId))).then(
      () => undefined,
    );
  }

  /** Writes every file now if anything is pending (on quit); one failing does not stop the rest. */
  flush(): void {
    flushEach(this.#stores.values());
  }

  #writeFile(index: number, rows: ReadonlyMap<number, T>, nextId: number): Promise<void> {
    const { first, last } = this.rangeOf(index);
    const inRange: T[] = [];
    // Ids are dense, so walking the range is cheaper than filtering every row of the table.
    for (let id = first; id <= last; id++) {
      const row = rows.get(id);
      if (row) inRange.push(row);
    }
    return this.#store(index).update(this.options.section, {
      nextId,
      rows: inRange,
    } satisfies StoredSection<T>);
  }

  #store(index: number): ConfigStore {
    let store = this.#stores.get(index);
    if (!store) {
      store = this.options.open(this.#nameOf(index).replace(/\.json$/, ''));
      this.#stores.set(index, store);
    }
    return store;
  }

  #nameOf(index: number): string {
    const { first, last } = this.rangeOf(index);
    return `ids-${first}-${last}.json`;
  }
}

function listJsonFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
