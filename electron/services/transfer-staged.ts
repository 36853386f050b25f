import type { EntityTable, Row } from '../storage/entity-table';

/**
 * Rows an import has written but not yet announced. The import writes every kind first, audits,
 * then commits them all; should any step fail it rolls back what was staged, in reverse order.
 */
export interface StagedImport {
  /** Makes the rows visible where they are indexed, and emits one changed event for the kind. */
  commit(): void;
  /** Removes the rows again (best effort: the caller reports the original failure). */
  rollback(): Promise<void>;
}

/** One `put` of every row; if that write fails, the rows leave the table's memory too. */
export async function putRows<T extends Row>(table: EntityTable<T>, rows: readonly T[]): Promise<void> {
  if (rows.length === 0) return;
  try {
    await table.put(...rows);
  } catch (error) {
    // Rows span several files (credentials by id range): some may be on disk already. Undoing
    // them may fail too (a full disk); then the log says so, since they reappear at the next start.
    await removeRows(table, rows).catch((undo: unknown) => {
      console.error(
        `could not undo ${rows.length} row(s) after a failed write:`,
        undo instanceof Error ? undo.message : 'unknown error',
      );
    });
    throw error;
  }
}

/**
 * EntityTable removes one id at a time, but every removal of one turn lands in the same coalesced
 * file write; each still copies the row list, which is acceptable on this failure path only.
 */
export async function removeRows<T extends Row>(table: EntityTable<T>, rows: readonly Row[]): Promise<void> {
  await Promise.all(rows.map((row) => table.remove(row.id)));
}
