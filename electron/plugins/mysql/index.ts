import type { PluginRuntime } from '../plugin-runtime';
import { runSqlTemplate } from '../tag-engine/sql';
import { mysqlAccountExists, mysqlEndSessions } from './accounts';
import { mysqlDriver } from './driver';

/**
 * MySQL and MariaDB: a template is SQL statements run in order on one connection (mysql2), to the
 * login's database if it names one. See syntax.ts for the rules a template author sees.
 */
export const mysqlPlugin: PluginRuntime = {
  id: 'mysql',
  check: (template) => [...mysqlDriver.template(template).problems],
  run: (request) => runSqlTemplate(mysqlDriver, request),
  accountExists: mysqlAccountExists,
  endSessions: mysqlEndSessions,
};

export { mysqlBuiltinTemplates } from './builtin-templates';
export { mysqlSyntaxHelp } from './syntax';
