import type { PluginRuntime } from '../plugin-runtime';
import { ldapAccountExists, ldapEndSessions } from './accounts';
import { checkLdapTemplate } from './operations';
import { runLdap } from './run';

/**
 * LDAP (OpenLDAP, Active Directory): a template is commands (bind, find, add with attribute lines,
 * modify, mod-add, mod-del, mod-replace, delete) run in order on one connection (ldapts) to
 * ldap://host:port. See syntax.ts for the rules a template author sees.
 */
export const ldapPlugin: PluginRuntime = {
  id: 'ldap',
  check: checkLdapTemplate,
  run: runLdap,
  accountExists: ldapAccountExists,
  endSessions: ldapEndSessions,
};

export { ldapBuiltinTemplates } from './builtin-templates';
export { ldapSyntaxHelp } from './syntax';
