import type { FieldPacket, ResultSetHeader } from 'mysql2';
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

  return {
    run: (sql, rowLimit) =>
      new Promise<DriverResult>((resolve, reject) => {
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
            kind: 'error',
            message: error.message,
            code: error.errno !== undefined ? String(error.errno) : (error.sqlState ?? null),
            position: null,
          });
        });
        query.on('end', () => {
          life.running = false;
          if (failed) return;
          if (columns !== undefined) {
            resolve({
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
            });
            return;
          }
          const affected = header?.affectedRows ?? 0;
          resolve({
            kind: 'rows',
            columns: [],
            rows: [],
            rowCount: 0,
            truncated: false,
            command: `OK, ${affected} row${affected === 1 ? '' : 's'} affected${header?.info ? ` (${header.info.trim()})` : ''}`,
            affectedRows: affected,
          });
        });
        life.running = true;
      }),
    cancel: () => (life.running ? opened.cancel() : Promise.resolve()),
    close: () => life.close(opened),
    onLost: (listener) => life.onLost(listener),
  };
}
