import { join } from 'node:path';
import type { z } from 'zod';
import { ConfigStore, type StoreProblem } from '../storage/config-store';
import type { BackendFactory } from '../storage/document-backend';
import { EntityTable, type Row } from '../storage/entity-table';
import { IdRangeFiles } from '../storage/id-range-files';
import { loadSection, type LoadedTable } from './table-loader';

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

/**
 * Opens a table kept in one file per id range (storage/id-range-files.ts), validating every row
 * as `loadSection` does; a row found in the file of another range is set aside the same way.
 *
 * Older versions kept the whole table in the manifest itself (`credentials.json`, section
 * `credentials`). Those rows are moved into the range files first, and only once every range
 * file is on disk are they removed from the manifest: a crash in between moves them again, whole,
 * at the next start.
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

  if (manifest.get(section) !== undefined) {
    const legacy = loadSection(manifest, section, schema, now);
    problems.push(...legacy.problems);
    const byId = new Map(legacy.rows.map((row) => [row.id, row]));
    // Written now, not at the end of the turn: a failure must stop the start, before the manifest
    // forgets the rows. (The scheduled writes repeat the same bytes; their failures are these.)
    files.write([...byId.keys()], byId, legacy.nextId).catch(ignore);
    files.flush();
    manifest.update(section, undefined).catch(ignore);
    manifest.flush();
  }

  const { files: found, strays } = files.openExisting();
  for (const stray of strays) {
    problems.push({
      message:
        `${join(dir, stray)} does not match the layout of ${rowsPerFile} ${section} per file in ` +
        `${manifest.path}. It was left untouched and its ${section} are not shown.`,
    });
  }
  const rows: T[] = [];
  let nextId = 1;
  for (const file of found) {
    problems.push(...file.store.problems);
    const inRange = schema.refine((row) => row.id >= file.first && row.id <= file.last, {
      error: `the id is outside this file's range (${file.first} to ${file.last})`,
    });
    const loaded = loadSection(file.store, section, inRange, now);
    for (const row of loaded.rows) rows.push(row);
    nextId = Math.max(nextId, loaded.nextId);
    problems.push(...loaded.problems);
  }
  return {
    table: new EntityTable<T>(files, { rows, nextId }),
    problems,
    flush: () => {
      manifest.flush();
      files.flush();
    },
  };
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
