import type { TableChange } from '../change-journal';

/**
 * The rows one kind of record adds in an import, prepared but not yet written: the import writes
 * every kind in one change (services/change-journal.ts), with its one audit entry, then calls
 * `applied` on each.
 */
export interface PreparedImport {
  readonly tables: readonly TableChange[];
  /** Makes the rows visible where they are indexed, and emits one changed event for the kind. */
  applied(): void;
}
