import type { SqlErrorResult, SqlRowsResult } from '../../shared/contract/sql-console';

/** A result as a driver reports it; the console adds the duration it measured. */
export type DriverResult = Omit<SqlRowsResult, 'durationMs'> | Omit<SqlErrorResult, 'durationMs'>;

/**
 * One database connection of a session's SQL console, logged in as the session's account. A
 * statement's failure is a result (`kind: 'error'`), never a rejection: the connection stays
 * usable. `run` rejects only when the connection itself is gone.
 */
export interface ConsoleConnection {
  run(sql: string, rowLimit: number): Promise<DriverResult>;
  /** Stops the running statement from a second connection; the console's own one stays. */
  cancel(): Promise<void>;
  /** Closes politely; a running statement is stopped on the server first. Never rejects. */
  close(): Promise<void>;
  /** Called once when the connection ends without close() (the server or the network ended it). */
  onLost(listener: () => void): void;
}

/** Keeps the first `limit` rows and counts all of them. */
export class RowCollector {
  readonly rows: (string | null)[][] = [];
  count = 0;

  constructor(private readonly limit: number) {}

  add(row: (string | null)[]): void {
    this.count++;
    if (this.rows.length < this.limit) this.rows.push(row);
  }
}
