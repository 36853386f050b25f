import type { QueryResult, ResultSetHeader, RowDataPacket } from 'mysql2';
import type { RunRequest, RunTimeouts } from '../plugin-runtime';
import { lingerKey } from '../tag-engine';
import {
  cachedTemplates,
  rowsText,
  type SqlDriver,
  type SqlSession,
  type StringPlacement,
} from '../tag-engine/sql';
import { mysqlConnections, openMysql, type MysqlConnection } from './connection';
import { describeMysqlError } from './errors';
import { assumedSession, mysqlValueRules, secretForms } from './escape';
import { lexMysql } from './sql-lexer';

const isHeader = (value: unknown): value is ResultSetHeader =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'affectedRows' in value;

function resultText(result: QueryResult | RowDataPacket[] | ResultSetHeader): string {
  if (isHeader(result)) {
    const parts = [`OK, ${result.affectedRows} row(s) affected`];
    if (result.info) parts.push(result.info);
    if (result.warningStatus > 0) parts.push(`${result.warningStatus} warning(s)`);
    return parts.join('; ');
  }
  // An OkPacket (the deprecated shape) has affectedRows too: isHeader took it.
  const items: unknown[] = Array.isArray(result) ? result : [];
  // A CALL answers with several results: one text each.
  if (items.some((item) => Array.isArray(item) || isHeader(item))) {
    return items.map((item) => resultText(item as RowDataPacket[] | ResultSetHeader)).join('\n');
  }
  const rows = items as Record<string, unknown>[];
  return [`${rows.length} row(s)`, rowsText(rows)].filter((p) => p !== '').join('\n');
}

function session(open: MysqlConnection, key: string, since: number): SqlSession {
  return {
    // Only a backslash depends on the session (sql_mode, character set): ask the server then, and
    // every time, since an earlier statement may have changed either.
    rulesFor: async (placements: readonly StringPlacement[]) => {
      if (!placements.some((p) => p.value.includes('\\'))) return mysqlValueRules(assumedSession);
      const [rows] = await open.client.query<RowDataPacket[]>(
        'SELECT @@SESSION.sql_mode AS sql_mode, @@SESSION.character_set_client AS charset',
      );
      const row = rows[0];
      const sqlMode = typeof row?.sql_mode === 'string' ? row.sql_mode : '';
      return mysqlValueRules({
        backslashEscapes: !sqlMode.toUpperCase().split(',').includes('NO_BACKSLASH_ESCAPES'),
        charset: typeof row?.charset === 'string' ? row.charset : null,
      });
    },
    execute: async (text) => {
      const [result] = await open.client.query(text);
      return resultText(result);
    },
    destroy: () => open.destroy(),
    // Kept only after a run that went through; it is reset as it is parked (COM_CHANGE_USER).
    release: (reusable) => (reusable ? mysqlConnections.park(key, open, true, since) : open.close()),
  };
}

export const mysqlDriver: SqlDriver = {
  assumedRules: mysqlValueRules(assumedSession),
  secretForms,
  template: cachedTemplates(lexMysql),
  // A kept connection of the same server and login, reset, else a new login.
  open: async (request: RunRequest, timeouts: RunTimeouts) => {
    const key = lingerKey(request.target, request.login);
    const since = mysqlConnections.generation;
    const kept = await mysqlConnections.take(key);
    const connection =
      kept ??
      (await openMysql({ target: request.target, login: request.login, timeouts, signal: request.signal }));
    return session(connection, key, since);
  },
  describeError: describeMysqlError,
};
