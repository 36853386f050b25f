import { InvalidCredentialsError, type Entry } from 'ldapts';
import type { AccountLoginRequest, AccountRequest } from '../plugin-runtime';
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

/** Binds as the login's bind DN, unless the connection already is (a kept one). */
async function bindAsLogin(connection: LdapConnection, request: AccountRequest): Promise<void> {
  if (request.login.username !== '' && connection.bound !== request.login.username) {
    await connection.client.bind(request.login.username, bindPassword(request.login.password));
    connection.bound = request.login.username;
  }
}

/** The account's entry (its uid, or sAMAccountName on Active Directory), with `attributes`. */
async function findAccount(
  connection: LdapConnection,
  request: AccountRequest,
  attributes: string[],
): Promise<Entry | undefined> {
  const name = escapeFilterValue(request.username);
  for (const base of await searchBases(connection, request)) {
    const { searchEntries } = await connection.client.search(base, {
      scope: 'sub',
      filter: `(|(uid=${name})(sAMAccountName=${name}))`,
      attributes,
      sizeLimit: 1,
    });
    if (searchEntries[0] !== undefined) return searchEntries[0];
  }
  return undefined;
}

/** A check as the login, on a kept connection when the login has a bind DN. */
function withLdap<T>(
  request: AccountRequest,
  what: string,
  work: (connection: LdapConnection) => Promise<T>,
  keep = true,
): Promise<T> {
  const open = (): Promise<LdapConnection> =>
    Promise.resolve(openLdap(request.target, defaultTimeouts, request.signal));
  // A kept connection only for a login with a bind DN: the check rebinds as it before searching.
  const linger = keep && request.login.username !== '' ? ldapConnections : undefined;
  return withAccountConnection(request, what, { linger, open }, async (connection) => {
    await bindAsLogin(connection, request);
    return work(connection);
  });
}

/** An entry whose uid (OpenLDAP) or sAMAccountName (Active Directory) is the user name. */
export function ldapAccountExists(request: AccountRequest): Promise<boolean> {
  return withLdap(request, 'checking the entry', async (connection) => {
    return (await findAccount(connection, request, ['1.1'])) !== undefined;
  });
}

/**
 * Finds the entry as the login, then binds as the entry with the password on the same (not kept)
 * connection. invalidCredentials (49) is the refusal: a wrong password, and a ppolicy-locked entry
 * answer alike. No entry: refused too.
 */
export function ldapAccountLogsIn(request: AccountLoginRequest): Promise<boolean> {
  return withLdap(
    request,
    'binding as the entry',
    async (connection) => {
      const entry = await findAccount(connection, request, ['1.1']);
      if (entry === undefined) return false;
      try {
        await connection.client.bind(entry.dn, bindPassword(request.password));
        return true;
      } catch (error) {
        if (error instanceof InvalidCredentialsError) return false;
        throw error;
      }
    },
    false,
  );
}

/** Active Directory's ACCOUNTDISABLE bit of userAccountControl. */
const ACCOUNTDISABLE = 0x2;

/**
 * What the built-in Credential enable/disable templates switch: the ppolicy lock
 * (pwdAccountLockedTime, any value), and on Active Directory the ACCOUNTDISABLE bit. No entry: false.
 */
export function ldapAccountEnabled(request: AccountRequest): Promise<boolean> {
  return withLdap(request, 'reading the entry\u2019s lock', async (connection) => {
    const entry = await findAccount(connection, request, ['pwdAccountLockedTime', 'userAccountControl']);
    if (entry === undefined) return false;
    const locked = entry.pwdAccountLockedTime;
    if (locked !== undefined && (!Array.isArray(locked) || locked.length > 0)) return false;
    const control = Number(entry.userAccountControl);
    return !(Number.isInteger(control) && (control & ACCOUNTDISABLE) !== 0);
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
