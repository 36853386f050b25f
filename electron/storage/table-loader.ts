import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import type { ConfigStore, StoreProblem } from './config-store';
import { EntityTable, sectionStorage, type Row } from './entity-table';

export interface LoadedTable<T extends Row> {
  readonly table: EntityTable<T>;
  /** Rows that failed their schema: set aside (never dropped silently), to be shown on screen. */
  readonly problems: readonly StoreProblem[];
}

/** Rows of one section that passed their schema, the id counter, and what was set aside. */
export interface LoadedSection<T> {
  readonly rows: T[];
  readonly nextId: number;
  readonly problems: readonly StoreProblem[];
}

/**
 * Opens one entity section of a store as a table; see `loadSection` for rows that fail their
 * schema.
 */
export function openTable<S extends z.ZodType<Row>>(
  store: ConfigStore,
  section: string,
  schema: S,
  now: () => Date,
): LoadedTable<z.output<S>> {
  const loaded = loadSection(store, section, schema, now);
  const table = new EntityTable<z.output<S>>(sectionStorage(store, section), loaded);
  return { table, problems: loaded.problems };
}

/**
 * Reads one entity section, validating every stored row with its schema. A row that fails (a hand
 * edit, a bug of an older build) must not stop the app, and must not be lost either: such rows are
 * copied to `<store>.<section>-invalid-<time>.json` beside the store before the section is
 * rewritten without them, and each is reported.
 */
export function loadSection<S extends z.ZodType<Row>>(
  store: ConfigStore,
  section: string,
  schema: S,
  now: () => Date,
): LoadedSection<z.output<S>> {
  const stored = store.get(section);
  const rows = isSection(stored) ? stored.rows : [];
  const invalid: { row: unknown; error: string }[] = [];
  const valid: z.output<S>[] = [];
  for (const row of rows) {
    const parsed = schema.safeParse(row);
    if (parsed.success) valid.push(parsed.data);
    else invalid.push({ row, error: firstIssue(parsed.error) });
  }
  const problems: StoreProblem[] = [];
  if (stored !== undefined && !isSection(stored)) {
    invalid.push({ row: stored, error: 'the section is not { nextId, rows: [...] }' });
  }
  const keptNextId = isSection(stored) && typeof stored.nextId === 'number' ? stored.nextId : 1;
  // Ids are never reused, not even those of the rows set aside.
  const nextId = Math.max(
    keptNextId,
    ...invalid.map((i) => idOf(i.row)).map((id) => (id === undefined ? 1 : id + 1)),
  );
  if (invalid.length > 0) {
    const aside = setAside(store, section, invalid, now());
    problems.push({
      message:
        `${invalid.length} stored ${section} record(s) in ${store.path} could not be read ` +
        `(${invalid[0]?.error ?? 'invalid'}). They were kept in ${aside} and left out.`,
    });
    store.update(section, { nextId, rows: valid }).catch((error: unknown) => {
      console.error(`could not rewrite ${section}:`, error instanceof Error ? error.message : 'unknown');
    });
  }
  return { rows: valid, nextId, problems };
}

function isSection(value: unknown): value is { nextId?: unknown; rows: unknown[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { rows?: unknown }).rows);
}

function idOf(row: unknown): number | undefined {
  const id = typeof row === 'object' && row !== null ? (row as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'row'}: ${issue.message}` : 'invalid';
}

/** Copies rows to `<store>.<section>-invalid-<time>.json` beside the store; returns its path. */
export function setAside(
  store: ConfigStore,
  section: string,
  rows: readonly { row: unknown; error: string }[],
  at: Date,
): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  const name = basename(store.path).replace(/\.json$/, '');
  const content = JSON.stringify({ section, rows }, null, 2);
  // Never over another file set aside (two in one start share the time stamp).
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : `-${n}`;
    const path = join(dirname(store.path), `${name}.${section}-invalid-${stamp}${suffix}.json`);
    try {
      writeFileSync(path, content, { mode: 0o600, flag: 'wx' });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
