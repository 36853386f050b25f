import { postgresqlSyntaxHelp } from '../../../shared/plugins/syntax/postgresql';
import type { PluginModule } from '../plugin-module';
import type { PluginRuntime } from '../plugin-runtime';
import { runSqlTemplate } from '../tag-engine/sql';
import { postgresqlBuiltinTemplates } from './builtin-templates';
import {
  pgAccountEnabled,
  pgAccountExists,
  pgAccountLogsIn,
  pgEndSessions,
  pgEndSessionsThenExists,
} from './accounts';
import { pgConnections } from './connection';
import { postgresDriver } from './driver';

/**
 * PostgreSQL: a template is SQL statements run in order on one connection (pg), to the login's
 * database (`postgres` when it names none). Its help for template authors is shared/plugins/syntax/postgresql.ts.
 */
export const postgresqlPlugin: PluginRuntime = {
  id: 'postgresql',
  // NAMEDATALEN - 1 bytes; role names are case-sensitive (the built-ins quote them).
  accountNames: { maxLength: 63, caseInsensitive: false },
  check: (template) => [...postgresDriver.template(template).problems],
  run: (request) => runSqlTemplate(postgresDriver, request),
  accountExists: pgAccountExists,
  endSessions: pgEndSessions,
  endSessionsThenExists: pgEndSessionsThenExists,
  accountLogsIn: pgAccountLogsIn,
  accountEnabled: pgAccountEnabled,
  closeKeptConnections: () => pgConnections.closeAll(),
};

/** The PostgreSQL plugin as the registry lists it. It takes no options: one runtime object serves. */
export const postgresqlPluginModule: PluginModule = {
  id: 'postgresql',
  family: 'sql',
  createRuntime: () => postgresqlPlugin,
  builtInTemplates: postgresqlBuiltinTemplates,
  syntaxHelp: postgresqlSyntaxHelp,
};

export { postgresqlBuiltinTemplates };
