import type pg from 'pg';
import type { RunRequest, RunTimeouts } from '../plugin-runtime';
import { lingerKey } from '../tag-engine';
import { rowsText, SqlTemplate, type SqlDriver, type SqlSession } from '../tag-engine/sql';
import { openPg, pgConnections, type PgConnection } from './connection';
import { describePgError } from './errors';
import { assumedSession, pgValueRules, secretForms } from './escape';
import { lexPostgres } from './sql-lexer';

/**
 * The extended protocol runs exactly one statement per message: even if our split were wrong, the
 * server would refuse a second statement instead of running it. (pg has the option; its types not.)
 */
type ExtendedQuery = pg.QueryConfig & { queryMode: 'extended' };

function resultText(result: pg.QueryResult, notices: readonly string[]): string {
  const counted = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY', 'FETCH', 'MOVE'];
  const head =
    result.command && counted.includes(result.command) && result.rowCount !== null
      ? `${result.command} ${result.rowCount}`
      : result.command || 'OK';
  return [head, rowsText(result.rows as Record<string, unknown>[]), ...notices.map((n) => `NOTICE: ${n}`)]
    .filter((part) => part !== '')
    .join('\n');
}

function session(connection: PgConnection, key: string): SqlSession {
  return {
    // The state is what the server last reported: nothing to ask.
    rulesFor: () => Promise.resolve(pgValueRules(connection.session)),
    execute: async (text) => {
      connection.takeNotices();
      const query: ExtendedQuery = { text, queryMode: 'extended' };
      const result = await connection.client.query(query);
      return resultText(result, connection.takeNotices());
    },
    destroy: () => connection.destroy(),
    // Kept only after a run that went through: a failed one may have left a transaction open.
    release: (reusable) => (reusable ? pgConnections.park(key, connection) : connection.close()),
  };
}

export const postgresDriver: SqlDriver = {
  assumedRules: pgValueRules(assumedSession),
  secretForms,
  template: (text) => new SqlTemplate(text, lexPostgres),
  // A kept connection of the same server and login, reset, else a new login.
  open: async (request: RunRequest, timeouts: RunTimeouts) => {
    const key = lingerKey(request.target, request.login);
    const kept = await pgConnections.take(key);
    const connection =
      kept ??
      (await openPg({ target: request.target, login: request.login, timeouts, signal: request.signal }));
    return session(connection, key);
  },
  describeError: describePgError,
};
