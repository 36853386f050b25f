import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { ConfigStore, type StoreProblem } from './config-store';
import type { BackendFactory } from './document-backend';
import { flushEach } from './flush-each';
import { EntityTable, type Row, type RowStorage } from './entity-table';
import { IdRangeFiles } from './id-range-files';
import { loadSection, setAside, type LoadedTable } from './table-loader';

/** 500 credentials make a file of about 350 kB: a save writes that, not the whole table. */
export const defaultRowsPerFile = 500;

export interface RangedTableOptions<S extends z.ZodType<Row>> {
  readonly dataDir: string;
  /** `<dataDir>/<name>.json` is the manifest; the rows live in `<dataDir>/<name>/ids-*.json`. */
  readonly name: string;
  readonly section: string;
  readonly schema: S;
  readonly createBackend: BackendFactory;
  readonly now: () => Date;
  /** For a new table only; an existing one keeps the size in its manifest. */
  readonly rowsPerFile?: number;
}

export interface LoadedRangedTable<T extends Row> extends LoadedTable<T> {
  /** Writes every pending file now (on quit). */
  flush(): void;
}

/** The manifest's key for the id counter's high-water mark. */
const counterKey = 'nextId';

/**
 * Opens a table kept in one file per id range (storage/id-range-files.ts), validating every row
 * as `loadSection` does; a row found in the file of another range is set aside the same way.
 *
 * The id counter is the highest of: the manifest's high-water mark (raised with every new id),
 * the counter each range file recorded, and the ranges of files that could not be read (their ids
 * stay taken). So a corrupt or foreign file never lets an id be handed out twice, which would
 * point old audit entries and a sealed password at a new credential.
 *
 * Older versions kept the whole table in the manifest itself (`credentials.json`, section
 * `credentials`). A copy of that file is kept, its rows are merged into the range files (a row
 * already there is kept; a different one with the same id is set aside and reported), and only
 * once the range files are on disk is the section removed from the manifest: a crash in between
 * merges again, to the same result, at the next start. Migration 2 (storage/migrations.ts) makes
 * older versions refuse the data directory instead of starting with no credentials.
 */
export function openRangedTable<S extends z.ZodType<Row>>(
  options: RangedTableOptions<S>,
): LoadedRangedTable<z.output<S>> {
  type T = z.output<S>;
  const { dataDir, name, section, schema, createBackend, now } = options;
  const problems: StoreProblem[] = [];
  const manifest = ConfigStore.open({ dir: dataDir, name, createBackend, now });
  problems.push(...manifest.problems);
  const rowsPerFile = readLayout(manifest, options.rowsPerFile ?? defaultRowsPerFile, problems);
  const dir = join(dataDir, name);
  const files = new IdRangeFiles<T>({
    dir,
    section,
    rowsPerFile,
    open: (file) => ConfigStore.open({ dir, name: file, createBackend, now }),
  });

  const rows = new Map<number, T>();
  const stored = manifest.get(counterKey);
  let nextId = typeof stored === 'number' && Number.isSafeInteger(stored) ? stored : 1;
  const { files: found, strays } = files.openExisting();
  for (const stray of strays) {
    nextId = Math.max(nextId, stray.last + 1);
    problems.push({
      message:
        `${join(dir, stray.name)} does not match the layout of ${rowsPerFile} ${section} per file ` +
        `in ${manifest.path}. It was left untouched and its ${section} are not shown.`,
    });
  }
  for (const file of found) {
    if (file.store.problems.length > 0) {
      problems.push(...file.store.problems);
      nextId = Math.max(nextId, file.last + 1);
    }
    const inRange = schema.refine((row) => row.id >= file.first && row.id <= file.last, {
      error: `the id is outside this file's range (${file.first} to ${file.last})`,
    });
    const loaded = loadSection(file.store, section, inRange, now);
    for (const row of loaded.rows) rows.set(row.id, row);
    nextId = Math.max(nextId, loaded.nextId);
    problems.push(...loaded.problems);
  }

  if (manifest.get(section) !== undefined) {
    nextId = Math.max(nextId, mergeSingleFileRows(manifest, section, schema, files, rows, problems, now));
  }
  if (nextId !== stored) {
    manifest.update(counterKey, nextId).catch(ignore);
    manifest.flush();
  }

  const storage: RowStorage<T> = {
    write: (changed, all, counter) => {
      const written = files.write(changed, all, counter);
      if (counter <= nextId) return written;
      // A new id: the manifest remembers it, whatever happens later to the file that holds it.
      nextId = counter;
      return Promise.all([written, manifest.update(counterKey, counter)]).then(() => undefined);
    },
  };
  return {
    table: new EntityTable<T>(storage, { rows: rows.values(), nextId }),
    problems,
    flush: () => flushEach([manifest, files]),
  };
}

/**
 * Moves the rows of the single-file layout into the range files (see openRangedTable) and returns
 * the id counter that layout recorded.
 */
function mergeSingleFileRows<S extends z.ZodType<Row>>(
  manifest: ConfigStore,
  section: string,
  schema: S,
  files: IdRangeFiles<z.output<S>>,
  rows: Map<number, z.output<S>>,
  problems: StoreProblem[],
  now: () => Date,
): number {
  const backup = manifest.path.replace(/\.json$/, '.single-file-backup.json');
  if (!existsSync(backup)) copyFileSync(manifest.path, backup);
  const legacy = loadSection(manifest, section, schema, now);
  problems.push(...legacy.problems);
  const moved: number[] = [];
  const clashes: { row: unknown; error: string }[] = [];
  for (const row of legacy.rows) {
    const present = rows.get(row.id);
    if (present === undefined) {
      rows.set(row.id, row);
      moved.push(row.id);
    } else if (!isDeepStrictEqual(present, row)) {
      clashes.push({ row, error: `id ${row.id} is already in its range file with other values` });
    }
  }
  if (clashes.length > 0) {
    const aside = setAside(manifest, section, clashes, now());
    problems.push({
      message:
        `${clashes.length} ${section} record(s) of ${manifest.path} clash with the range files ` +
        `(${clashes[0]?.error ?? 'clash'}). The range files were kept; the others are in ${aside}.`,
    });
  }
  // Written now, not at the end of the turn: a failure must stop the start before the manifest
  // forgets the rows. (The scheduled writes repeat the same bytes; their failures are these.)
  files.write(moved, rows, legacy.nextId).catch(ignore);
  files.flush();
  manifest.update(section, undefined).catch(ignore);
  manifest.flush();
  return legacy.nextId;
}

/** The manifest's `layout.rowsPerFile`, written with `fallback` for a new table. */
function readLayout(manifest: ConfigStore, fallback: number, problems: StoreProblem[]): number {
  const layout = manifest.get('layout');
  const stored = (layout as { rowsPerFile?: unknown } | undefined)?.rowsPerFile;
  if (typeof stored === 'number' && Number.isSafeInteger(stored) && stored > 0) return stored;
  if (layout !== undefined) {
    problems.push({
      message:
        `The layout in ${manifest.path} could not be read; ${fallback} rows per file is assumed. ` +
        `Files of another layout are left untouched.`,
    });
    return fallback;
  }
  manifest.update('layout', { rowsPerFile: fallback }).catch(ignore);
  manifest.flush();
  return fallback;
}

/** For a scheduled write that a `flush()` right after it has already made (and would have thrown). */
const ignore = (): void => undefined;
