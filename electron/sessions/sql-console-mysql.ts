import type { Connection as MysqlConnection, FieldPacket, ResultSetHeader } from 'mysql2';
import { NoticeBuffer } from '../plugins/postgresql/notices';
import { openMysql, type MysqlOpenOptions } from '../plugins/mysql/connection';
import type { ConsoleConnection, DriverResult } from './sql-console-driver';
import { ConsoleLifetime, RowCollector } from './sql-console-driver';

/** The binary character set: such a column's bytes are shown as hex, not decoded as text. */
const BINARY_CHARSET = 63;
/** The column types whose binary form is bytes (not a number or a date sent as text). */
const byteTypes = new Set([
  0x10 /* BIT */, 0xf9 /* TINY_BLOB */, 0xfa /* MEDIUM_BLOB */, 0xfb /* LONG_BLOB */, 0xfc /* BLOB */,
  0xfd /* VAR_STRING */, 0xfe /* STRING */, 0xff /* GEOMETRY */,
]);
const typeNames: Record<number, string> = {
  0x00: 'decimal',
  0x01: 'tinyint',
  0x02: 'smallint',
  0x03: 'int',
  0x04: 'float',
  0x05: 'double',
  0x06: 'null',
  0x07: 'timestamp',
  0x08: 'bigint',
  0x09: 'mediumint',
  0x0a: 'date',
  0x0b: 'time',
  0x0c: 'datetime',
  0x0d: 'year',
  0x0f: 'varchar',
  0x10: 'bit',
  0xf5: 'json',
  0xf6: 'decimal',
  0xf7: 'enum',
  0xf8: 'set',
  0xf9: 'tinyblob',
  0xfa: 'mediumblob',
  0xfb: 'longblob',
  0xfc: 'blob',
  0xfd: 'varchar',
  0xfe: 'char',
  0xff: 'geometry',
};

/** Statements that read the warnings themselves (they leave them as they are). */
const diagnostic = /^\s*show\s+(?:warnings|errors|count)\b/i;

/** The statement's warnings, `Warning 1292: Truncated incorrect…`, bounded as PostgreSQL's notices. */
async function warningsOf(connection: MysqlConnection): Promise<string[]> {
  const [rows] = await connection.promise().query({ sql: 'SHOW WARNINGS', rowsAsArray: true });
  const buffer = new NoticeBuffer();
  if (Array.isArray(rows))
    for (const row of rows as unknown[][])
      buffer.push(`${String(row[0])} ${String(row[1])}: ${String(row[2])}`);
  return buffer.take();
}

/** How one column's raw bytes are shown: hex for binary data, UTF-8 text otherwise. */
function displayOf(field: FieldPacket): (value: Buffer) => string {
  const type = field.columnType ?? field.type ?? -1;
  if (field.characterSet === BINARY_CHARSET && byteTypes.has(type)) {
    return (value) => `0x${value.toString('hex').toUpperCase()}`;
  }
  return (value) => value.toString('utf8');
}

/**
 * A MySQL/MariaDB console connection (the plugin's openMysql: its port, timeouts, utf8mb4 and one
 * statement per query). Values arrive as raw bytes (`typeCast: false`) and rows stream through
 * events, so only the first `rowLimit` are kept.
 */
export async function openMysqlConsole(options: MysqlOpenOptions): Promise<ConsoleConnection> {
  const opened = await openMysql(options);
  const { connection } = opened;
  const life = new ConsoleLifetime();
  connection.on('end', life.gone);
  connection.on('error', life.gone);

  /** One statement; `warned`: the server said it left warnings (an OK packet's count). */
  const runStatement = (sql: string, rowLimit: number): Promise<{ result: DriverResult; warned: boolean }> =>
    new Promise((resolve, reject) => {
      let columns: FieldPacket[] | undefined;
      let display: ((value: Buffer) => string)[] = [];
      let rows = new RowCollector(rowLimit);
      let header: ResultSetHeader | undefined;
      let failed = false;
      const query = connection.query({ sql, rowsAsArray: true, typeCast: false });
      query.on('fields', (fields: FieldPacket[] | undefined) => {
        if (fields === undefined) return;
        columns = fields;
        display = fields.map(displayOf);
        rows = new RowCollector(rowLimit);
      });
      query.on('result', (row: (Buffer | null)[] | ResultSetHeader) => {
        if (!Array.isArray(row)) {
          header = row;
          return;
        }
        if (!rows.keeping) rows.countUnkept();
        else rows.add(row.map((value, i) => (value === null ? null : (display[i] ?? String)(value))));
      });
      query.on('error', (error: Error & { errno?: number; fatal?: boolean; sqlState?: string }) => {
        failed = true;
        life.running = false;
        // A fatal error is the connection's (gone, killed); any other is the server's answer.
        if (error.fatal === true) {
          reject(error);
          return;
        }
        resolve({
          warned: false,
          result: {
            kind: 'error',
            message: error.message,
            code: error.errno !== undefined ? String(error.errno) : (error.sqlState ?? null),
            position: null,
          },
        });
      });
      query.on('end', () => {
        life.running = false;
        if (failed) return;
        if (columns !== undefined) {
          resolve({
            // The end of a result set counts its warnings, but mysql2 does not pass the count
            // on, and SHOW WARNINGS after a SELECT without tables repeats an older statement's.
            warned: false,
            result: {
              kind: 'rows',
              columns: columns.map((c) => ({
                name: c.name,
                type: typeNames[c.columnType ?? -1] ?? 'unknown',
              })),
              rows: rows.rows,
              rowCount: rows.count,
              truncated: rows.truncated,
              command: `${rows.count} row${rows.count === 1 ? '' : 's'} in set`,
              affectedRows: null,
            },
          });
          return;
        }
        const affected = header?.affectedRows ?? 0;
        resolve({
          warned: (header?.warningStatus ?? 0) > 0,
          result: {
            kind: 'rows',
            columns: [],
            rows: [],
            rowCount: 0,
            truncated: false,
            command: `OK, ${affected} row${affected === 1 ? '' : 's'} affected${header?.info ? ` (${header.info.trim()})` : ''}`,
            affectedRows: affected,
          },
        });
      });
      life.running = true;
    });

  return {
    run: async (sql, rowLimit) => {
      const { result, warned } = await runStatement(sql, rowLimit);
      if (!warned || result.kind !== 'rows' || diagnostic.test(sql)) return result;
      // As the mysql client prints them after a statement: what PostgreSQL sends as notices.
      const notices = await warningsOf(connection).catch(() => []);
      return notices.length > 0 ? { ...result, notices } : result;
    },
    cancel: () => (life.running ? opened.cancel() : Promise.resolve()),
    close: () => life.close(opened),
    onLost: (listener) => life.onLost(listener),
  };
}
