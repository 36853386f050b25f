import type { PluginRuntime } from '../plugin-runtime';
import { runSqlTemplate } from '../tag-engine/sql';
import { pgAccountExists, pgEndSessions } from './accounts';
import { postgresDriver } from './driver';

/**
 * PostgreSQL: a template is SQL statements run in order on one connection (pg), to the login's
 * database (`postgres` when it names none). See syntax.ts for the rules a template author sees.
 */
export const postgresqlPlugin: PluginRuntime = {
  id: 'postgresql',
  check: (template) => [...postgresDriver.template(template).problems],
  run: (request) => runSqlTemplate(postgresDriver, request),
  accountExists: pgAccountExists,
  endSessions: pgEndSessions,
};

export { postgresqlBuiltinTemplates } from './builtin-templates';
export { postgresqlSyntaxHelp } from './syntax';
