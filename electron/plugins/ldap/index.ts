import { ldapSyntaxHelp } from '../../../shared/plugins/syntax/ldap';
import type { PluginModule } from '../plugin-module';
import type { PluginRuntime } from '../plugin-runtime';
import { ldapAccountEnabled, ldapAccountExists, ldapAccountLogsIn, ldapEndSessions } from './accounts';
import { ldapBuiltinTemplates } from './builtin-templates';
import { ldapConnections } from './connection';
import { checkLdapTemplate } from './operations';
import { runLdap } from './run';

/**
 * LDAP (OpenLDAP, Active Directory): a template is commands (set-option, bind, find, add with attribute lines,
 * modify, mod-add, mod-del, mod-replace, delete) run in order on one connection (ldapts) to
 * ldap://host:port. Its help for template authors is shared/plugins/syntax/ldap.ts.
 */
export const ldapPlugin: PluginRuntime = {
  id: 'ldap',
  // The built-ins name the entry by uid (RFC 4519: up to 256 characters), which compares
  // case-insensitively. (Active Directory's sAMAccountName takes 20.)
  accountNames: { maxLength: 256, caseInsensitive: true },
  check: checkLdapTemplate,
  run: runLdap,
  accountExists: ldapAccountExists,
  endSessions: ldapEndSessions,
  accountLogsIn: ldapAccountLogsIn,
  accountEnabled: ldapAccountEnabled,
  // Lock of the vault and quit: the connection a run left bound as its login goes too.
  closeKeptConnections: () => ldapConnections.closeAll(),
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
