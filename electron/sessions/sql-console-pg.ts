import pg from 'pg';
import { openPg, type PgOpenOptions } from '../plugins/postgresql/connection';
import type { ConsoleConnection, DriverResult } from './sql-console-driver';
import { ConsoleLifetime, RowCollector } from './sql-console-driver';

/** Every value as the server's own text: no Date, number or JSON parsing (bytea is `\x…` hex). */
const asText = { getTypeParser: () => (value: string) => value };
/** Type names by OID, for the grid's column headers. */
const typeNames = new Map<number, string>(
  Object.entries(pg.types.builtins).map(([name, oid]) => [oid, name.toLowerCase()]),
);

/** What pg tells of one statement of a (possibly multi-statement) simple query. */
interface PgResult {
  command: string | null;
  rowCount: number | null;
  fields: { name: string; dataTypeID: number }[];
}

/**
 * A PostgreSQL console connection (the plugin's openPg: its port, timeouts and login). Rows stream
 * through a row listener, so a statement returning millions keeps only the first `rowLimit`.
 */
export async function openPgConsole(options: PgOpenOptions): Promise<ConsoleConnection> {
  const connection = await openPg(options);
  const { client } = connection;
  const life = new ConsoleLifetime();
  client.on('end', life.gone);
  client.on('error', life.gone);

  return {
    run: (sql, rowLimit) =>
      new Promise<DriverResult>((resolve, reject) => {
        // Only the latest statement's rows: the grid shows the last result with columns.
        const collected = new LatestRows(rowLimit);
        // Arrays, not objects: a result may repeat a column name (`select 1, 1`).
        const config: pg.QueryArrayConfig = { text: sql, rowMode: 'array', types: asText };
        const query = new pg.Query<(string | null)[]>(config);
        query.on('row', (row: (string | null)[], result: unknown) => {
          collected.add(result, row);
        });
        query.on('error', (error: Error) => {
          life.running = false;
          // Taken at each run's end, so that what a run shows (and holds) is its own, bounded.
          const notices = connection.takeNotices();
          // The server's answer to this statement; anything else (a dropped socket) is the connection.
          if (error instanceof pg.DatabaseError) resolve(withNotices(pgErrorResult(error), notices));
          else reject(error);
        });
        query.on('end', (results: PgResult | PgResult[]) => {
          life.running = false;
          const notices = connection.takeNotices();
          const all = Array.isArray(results) ? results : [results];
          const shown = all.findLast((r) => r.fields.length > 0) ?? all[all.length - 1];
          if (!shown) {
            resolve(
              withNotices(
                {
                  kind: 'rows',
                  columns: [],
                  rows: [],
                  rowCount: 0,
                  truncated: false,
                  command: '',
                  affectedRows: null,
                },
                notices,
              ),
            );
            return;
          }
          const rows = collected.of(shown);
          const returnsRows = shown.fields.length > 0;
          resolve({
            kind: 'rows',
            columns: shown.fields.map((f) => ({
              name: f.name,
              type: typeNames.get(f.dataTypeID) ?? String(f.dataTypeID),
            })),
            rows: rows.rows,
            rowCount: rows.count,
            truncated: rows.truncated,
            command: all
              .map(commandTag)
              .filter((tag) => tag !== '')
              .join('; '),
            affectedRows: returnsRows ? null : (shown.rowCount ?? null),
            ...(notices.length > 0 ? { notices } : {}),
          });
        });
        life.running = true;
        client.query(query);
      }),
    cancel: () => (life.running ? connection.cancel() : Promise.resolve()),
    close: () => life.close(connection),
    onLost: (listener) => life.onLost(listener),
  };
}

/**
 * The rows of the latest result of a (possibly multi-statement) simple query, and nothing of the
 * earlier ones: a new result's first row drops the previous collector, so a script of many SELECTs
 * holds one result's rows (within the collector's bounds), not one per statement.
 */
export class LatestRows {
  #result: unknown;
  #rows: RowCollector | undefined;

  constructor(private readonly rowLimit: number) {}

  add(result: unknown, row: (string | null)[]): void {
    if (this.#rows === undefined || this.#result !== result) {
      this.#result = result;
      this.#rows = new RowCollector(this.rowLimit);
    }
    this.#rows.add(row);
  }

  /** The rows of `result` when it is the latest that had any, else none (a result with no rows). */
  of(result: unknown): RowCollector {
    return this.#rows !== undefined && this.#result === result ? this.#rows : new RowCollector(this.rowLimit);
  }

  /** The results whose rows are held now (one at most). */
  get held(): number {
    return this.#rows === undefined ? 0 : 1;
  }
}

/** A result with the run's notices, when the server sent any. */
function withNotices(result: DriverResult, notices: string[]): DriverResult {
  return notices.length > 0 ? { ...result, notices } : result;
}

/** `SELECT 3`, `UPDATE 2`, `CREATE TABLE`: the command tag psql prints. */
function commandTag(result: PgResult): string {
  if (result.command === null) return '';
  return result.rowCount === null ? result.command : `${result.command} ${result.rowCount}`;
}

/** The server's message (with its detail and hint), its SQLSTATE and position. */
function pgErrorResult(error: pg.DatabaseError): DriverResult {
  const { detail, hint, code } = error;
  const position = Number.parseInt(error.position ?? '', 10);
  const lines = [error.message];
  if (detail) lines.push(`DETAIL: ${detail}`);
  if (hint) lines.push(`HINT: ${hint}`);
  return {
    kind: 'error',
    message: lines.join('\n'),
    code: code ?? null,
    position: Number.isSafeInteger(position) && position > 0 ? position : null,
  };
}
