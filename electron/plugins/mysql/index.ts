import { mysqlSyntaxHelp } from '../../../shared/plugins/syntax/mysql';
import type { PluginModule } from '../plugin-module';
import type { PluginRuntime } from '../plugin-runtime';
import { runSqlTemplate } from '../tag-engine/sql';
import { mysqlBuiltinTemplates } from './builtin-templates';
import { mysqlAccountEnabled, mysqlAccountExists, mysqlAccountLogsIn, mysqlEndSessions } from './accounts';
import { mysqlConnections } from './connection';
import { mysqlDriver } from './driver';

/**
 * MySQL and MariaDB: a template is SQL statements run in order on one connection (mysql2), to the
 * login's database if it names one. Its help for template authors is shared/plugins/syntax/mysql.ts.
 */
export const mysqlPlugin: PluginRuntime = {
  id: 'mysql',
  // MySQL 5.7 and later: 32 characters (MariaDB takes 80: the smaller serves both). User names are
  // compared case-sensitively by both.
  accountNames: { maxLength: 32, caseInsensitive: false },
  check: (template) => [...mysqlDriver.template(template).problems],
  run: (request) => runSqlTemplate(mysqlDriver, request),
  accountExists: mysqlAccountExists,
  endSessions: mysqlEndSessions,
  accountLogsIn: mysqlAccountLogsIn,
  accountEnabled: mysqlAccountEnabled,
  closeKeptConnections: () => mysqlConnections.closeAll(),
};

/** The MySQL plugin as the registry lists it. It takes no options: one runtime object serves. */
export const mysqlPluginModule: PluginModule = {
  id: 'mysql',
  family: 'sql',
  createRuntime: () => mysqlPlugin,
  builtInTemplates: mysqlBuiltinTemplates,
  syntaxHelp: mysqlSyntaxHelp,
};

export { mysqlBuiltinTemplates };
