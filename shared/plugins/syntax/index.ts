/**
 * Every available plugin's template-language help, by plugin: what the renderer's Syntax help tab
 * reads (it cannot import the plugin modules, which run in the core). The core's plugin modules
 * reference the same objects; a unit test holds the two lists together.
 */
import type { PluginId } from '../../domain/plugin';
import type { SyntaxHelp } from '../syntax-help';
import { ldapSyntaxHelp } from './ldap';
import { mysqlSyntaxHelp } from './mysql';
import { postgresqlSyntaxHelp } from './postgresql';
import { sshSyntaxHelp } from './ssh';

export { ldapSyntaxHelp, mysqlSyntaxHelp, postgresqlSyntaxHelp, sshSyntaxHelp };

export const syntaxHelps: Partial<Readonly<Record<PluginId, SyntaxHelp>>> = {
  ssh: sshSyntaxHelp,
  postgresql: postgresqlSyntaxHelp,
  mysql: mysqlSyntaxHelp,
  ldap: ldapSyntaxHelp,
};
