import {
  sqlConsoleCellLimit,
  sqlConsoleResultTextBudget,
  type SqlErrorResult,
  type SqlRowsResult,
} from '../../shared/contract/sql-console';

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

/** The visible end of a cell cut at the cell limit. */
export const cutMarker = (more: number): string => `… (cut: ${more} more characters)`;

/**
 * Keeps the first rows of a result and counts all of them, within bounds: at most `limit` rows,
 * each cell at most `cellLimit` characters (cut, with a marker saying how much), and at most
 * `textBudget` characters of cell text in all; once a row does not fit, no later row is kept, so
 * the kept rows are always the first ones. A huge result costs the core one row at a time.
 */
export class RowCollector {
  readonly rows: (string | null)[][] = [];
  count = 0;
  #text = 0;
  #full = false;

  constructor(
    private readonly limit: number,
    private readonly cellLimit = sqlConsoleCellLimit,
    private readonly textBudget = sqlConsoleResultTextBudget,
  ) {}

  /** Whether the next row would be kept: when not, a driver need not decode it (see countUnkept). */
  get keeping(): boolean {
    return !this.#full && this.rows.length < this.limit;
  }

  /** Some rows were counted but not kept. */
  get truncated(): boolean {
    return this.count > this.rows.length;
  }

  add(row: readonly (string | null)[]): void {
    this.count++;
    if (!this.keeping) return;
    const kept = row.map((value) => (value === null ? null : this.#cut(value)));
    const size = kept.reduce((sum, value) => sum + (value?.length ?? 0), 0);
    if (this.#text + size > this.textBudget) {
      this.#full = true;
      return;
    }
    this.#text += size;
    this.rows.push(kept);
  }

  /** Counts a row the driver did not decode because it would not be kept (see keeping). */
  countUnkept(): void {
    this.count++;
  }

  #cut(value: string): string {
    if (value.length <= this.cellLimit) return value;
    return value.slice(0, this.cellLimit) + cutMarker(value.length - this.cellLimit);
  }
}

/**
 * What both drivers keep about their connection's life: whether a statement runs, a close that
 * happens once (stopping a running statement on the server first), and `onLost` heard once when
 * the connection ends without that close. The driver hands its `end` and `error` events to `gone`.
 */
export class ConsoleLifetime {
  running = false;
  #closing = false;
  #reported = false;
  #listener: (() => void) | undefined;
  #closed: Promise<void> | undefined;

  readonly gone = (): void => {
    if (this.#closing || this.#reported) return;
    this.#reported = true;
    this.#listener?.();
  };

  onLost(listener: () => void): void {
    this.#listener = listener;
  }

  close(connection: { destroy(): void; close(): Promise<void> }): Promise<void> {
    return (this.#closed ??= (async () => {
      this.#closing = true;
      if (this.running) connection.destroy();
      await connection.close();
    })());
  }
}
