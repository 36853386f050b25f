import type { AccountRequest } from '../plugin-runtime';
import { defaultTimeouts, withAccountConnection } from '../tag-engine';
import { ldapConnections, openLdap, type LdapConnection } from './connection';
import { bindPassword } from './execute';
import { escapeFilterValue } from './filter';

/**
 * The bases to search: the login's domain, which for LDAP carries the base DN (dc=example,dc=com),
 * else every naming context the server publishes in its root DSE.
 */
async function searchBases(connection: LdapConnection, request: AccountRequest): Promise<string[]> {
  const domain = request.login.domain?.trim() ?? '';
  if (domain !== '') return [domain];
  const { searchEntries } = await connection.client.search('', {
    scope: 'base',
    filter: '(objectClass=*)',
    attributes: ['namingContexts'],
  });
  const contexts = searchEntries[0]?.namingContexts;
  return (Array.isArray(contexts) ? contexts : [contexts]).filter((c): c is string => typeof c === 'string');
}

/** An entry whose uid (OpenLDAP) or sAMAccountName (Active Directory) is the user name. */
export function ldapAccountExists(request: AccountRequest): Promise<boolean> {
  const open = (): Promise<LdapConnection> =>
    Promise.resolve(openLdap(request.target, defaultTimeouts, request.signal));
  // A kept connection only for a login with a bind DN: the check rebinds as it before searching.
  const linger = request.login.username !== '' ? ldapConnections : undefined;
  return withAccountConnection(request, 'checking the entry', { linger, open }, async (connection) => {
    if (request.login.username !== '' && connection.bound !== request.login.username) {
      await connection.client.bind(request.login.username, bindPassword(request.login.password));
      connection.bound = request.login.username;
    }
    const name = escapeFilterValue(request.username);
    for (const base of await searchBases(connection, request)) {
      const { searchEntries } = await connection.client.search(base, {
        scope: 'sub',
        filter: `(|(uid=${name})(sAMAccountName=${name}))`,
        attributes: ['1.1'],
        sizeLimit: 1,
      });
      if (searchEntries.length > 0) return true;
    }
    return false;
  });
}

/**
 * LDAP has no sessions to end: a bind lasts as long as its connection, and a locked or deleted
 * entry cannot bind again. Servers that run sessions on the directory's accounts (SSH, databases)
 * end them through their own plugin.
 */
export function ldapEndSessions(_request: AccountRequest): Promise<number> {
  return Promise.resolve(0);
}
