import { mysqlSyntaxHelp } from '../../../shared/plugins/syntax/mysql';
import type { PluginModule } from '../plugin-module';
import type { PluginRuntime } from '../plugin-runtime';
import { runSqlTemplate } from '../tag-engine/sql';
import { mysqlBuiltinTemplates } from './builtin-templates';
import { mysqlAccountExists, mysqlEndSessions } from './accounts';
import { mysqlDriver } from './driver';

/**
 * MySQL and MariaDB: a template is SQL statements run in order on one connection (mysql2), to the
 * login's database if it names one. Its help for template authors is shared/plugins/syntax/mysql.ts.
 */
export const mysqlPlugin: PluginRuntime = {
  id: 'mysql',
  check: (template) => [...mysqlDriver.template(template).problems],
  run: (request) => runSqlTemplate(mysqlDriver, request),
  accountExists: mysqlAccountExists,
  endSessions: mysqlEndSessions,
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
