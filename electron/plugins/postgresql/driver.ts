import type pg from 'pg';
import type { RunRequest, RunTimeouts } from '../plugin-runtime';
import { lingerKey } from '../tag-engine';
import { cachedTemplates, rowsText, type SqlDriver, type SqlSession } from '../tag-engine/sql';
import { openPg, pgConnections, type PgConnection } from './connection';
import { describePgError } from './errors';
import { assumedSession, pgValueRules, secretForms } from './escape';
import { keepsSessionState } from './session-state';
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

/**
 * Whether a statement that ran may have changed how the login itself logs in (ALTER ROLE/USER …
 * PASSWORD, VALID UNTIL or NOLOGIN naming the login or the current user). PostgreSQL cannot check
 * a password again on an open connection: kept, it would let a call with the old password in
 * after the target dropped it. Any statement counts, not only ALTER: a DO block or a function
 * call runs the same ALTER ROLE as dynamic SQL (its command tag is DO or SELECT). Naming the login
 * anywhere counts, so a doubt closes the connection rather than keeps it. (Dynamic SQL that builds
 * these words from pieces is not seen: docs/security.md, "Kept connections to databases".)
 */
export function mayChangeOwnPassword(text: string, username: string): boolean {
  if (!/\balter\s+(?:role|user)\b/i.test(text) || !/password|valid\s+until|nologin/i.test(text)) return false;
  const lower = text.toLowerCase();
  const names = [username.toLowerCase(), 'current_user', 'session_user', 'current_role'];
  return names.some((name) => {
    for (let at = lower.indexOf(name); at >= 0; at = lower.indexOf(name, at + 1)) {
      const before = lower.charAt(at - 1);
      const after = lower.charAt(at + name.length);
      if (!/[a-z0-9_$]/.test(before) && !/[a-z0-9_$]/.test(after)) return true;
    }
    return false;
  });
}

function session(connection: PgConnection, key: string, username: string, since: number): SqlSession {
  let ownPasswordChanged = false;
  // Whether every statement so far left the session as it was (session-state.ts): then the kept
  // connection needs no DISCARD ALL, one round trip less for the next call (a JIT creation).
  let stateKept = true;
  return {
    // The state is what the server last reported: nothing to ask.
    rulesFor: () => Promise.resolve(pgValueRules(connection.session)),
    execute: async (text) => {
      connection.takeNotices();
      const query: ExtendedQuery = { text, queryMode: 'extended' };
      if (stateKept && !keepsSessionState(text)) stateKept = false;
      const result = await connection.client.query(query);
      if (mayChangeOwnPassword(text, username)) ownPasswordChanged = true;
      return resultText(result, connection.takeNotices());
    },
    destroy: () => connection.destroy(),
    // Kept only after a run that went through, did not change the login's own password and left
    // no transaction open ('I', idle, in the server's last ReadyForQuery): closing rolls one back
    // now, where a kept one would hold its locks until the connection's next use. Reset unless no
    // statement changed the session.
    release: (reusable) => {
      const idle = connection.client.getTransactionStatus() === 'I';
      if (!reusable || ownPasswordChanged || !idle) return connection.close();
      return pgConnections.park(key, connection, !stateKept, since);
    },
  };
}

export const postgresDriver: SqlDriver = {
  assumedRules: pgValueRules(assumedSession),
  secretForms,
  template: cachedTemplates(lexPostgres),
  // A kept connection of the same server and login, reset, else a new login.
  open: async (request: RunRequest, timeouts: RunTimeouts) => {
    const key = lingerKey(request.target, request.login);
    const since = pgConnections.generation;
    const kept = await pgConnections.take(key);
    const connection =
      kept ??
      (await openPg({ target: request.target, login: request.login, timeouts, signal: request.signal }));
    return session(connection, key, request.login.username, since);
  },
  describeError: describePgError,
};
