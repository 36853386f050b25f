import { ldapSyntaxHelp } from '../../../shared/plugins/syntax/ldap';
import type { PluginModule } from '../plugin-module';
import type { PluginRuntime } from '../plugin-runtime';
import { ldapAccountExists, ldapEndSessions } from './accounts';
import { ldapBuiltinTemplates } from './builtin-templates';
import { checkLdapTemplate } from './operations';
import { runLdap } from './run';

/**
 * LDAP (OpenLDAP, Active Directory): a template is commands (bind, find, add with attribute lines,
 * modify, mod-add, mod-del, mod-replace, delete) run in order on one connection (ldapts) to
 * ldap://host:port. Its help for template authors is shared/plugins/syntax/ldap.ts.
 */
export const ldapPlugin: PluginRuntime = {
  id: 'ldap',
  check: checkLdapTemplate,
  run: runLdap,
  accountExists: ldapAccountExists,
  endSessions: ldapEndSessions,
};

/** The LDAP plugin as the registry lists it. It takes no options: one runtime object serves. */
export const ldapPluginModule: PluginModule = {
  id: 'ldap',
  family: 'directory',
  createRuntime: () => ldapPlugin,
  builtInTemplates: ldapBuiltinTemplates,
  syntaxHelp: ldapSyntaxHelp,
};

export { ldapBuiltinTemplates };
