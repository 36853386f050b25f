// What the LDAP plugin's integration tests share: the lab's slapd as a target, an admin client for
// checks (filters built as objects, so the checks never depend on the plugin's own escaping), binds
// as the entries the templates make, and entry snapshots.

import { Client, EqualityFilter, type Entry } from 'ldapts';
import type {
  ConnectionLogin,
  RunResult,
  TagValues,
  TargetEndpoint,
} from '../../../../electron/plugins/plugin-runtime';
import { ldapBuiltinTemplates, ldapPlugin } from '../../../../electron/plugins/ldap';
import { labDetails } from '../../../lab/inject';
import { uniqueName } from '../../../lab/names';
import { randomPassword } from '../../../lab/secrets';

export const plugin = ldapPlugin;

export function target(): TargetEndpoint {
  const { host, port } = labDetails().ldap;
  return { host, port };
}

/** The admin: its user name is the bind DN, its domain the base DN. */
export function adminLogin(): ConnectionLogin {
  const { adminDn, adminPassword, baseDn } = labDetails().ldap;
  return { username: adminDn, password: adminPassword, domain: baseDn };
}

export function template(key: string): string {
  const found = ldapBuiltinTemplates.find((t) => t.key === key);
  if (found === undefined) throw new Error(`no built-in template ${key}`);
  return found.content;
}

export const roundTripName = (): string => uniqueName('jitldrt');
const otherTestsEntries = /^uid=(labtest|jitldrt)\d{8},/;

export function tagsFor(username: string, password = randomPassword()): TagValues {
  return {
    USERNAME: username,
    NEW_PASSWORD: password,
    DOMAIN: labDetails().ldap.baseDn,
    SESSION_ID: `it-${randomPassword(8)}`,
  };
}

export function runTemplate(key: string, tags: TagValues): Promise<RunResult> {
  return plugin.run({ template: template(key), tags, target: target(), login: adminLogin() });
}

function newClient(): Client {
  return new Client({ url: labDetails().ldap.url, connectTimeout: 5000, timeout: 10_000 });
}

/** 'ok' when the bind works, else the error's class name (InvalidCredentialsError: refused). */
export async function bindOutcome(dn: string, password: string): Promise<string> {
  const client = newClient();
  try {
    await client.bind(dn, password);
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.constructor.name : String(error);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

let admin: Promise<Client> | null = null;

export function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const { adminDn, adminPassword } = labDetails().ldap;
  admin ??= (async () => {
    const client = newClient();
    await client.bind(adminDn, adminPassword);
    return client;
  })();
  return admin.then(work);
}

export async function closeAdmin(): Promise<void> {
  const client = await admin;
  admin = null;
  await client?.unbind();
}

/** Every entry's DN under the base, minus the throwaway entries other test files make meanwhile. */
export function entrySnapshot(): Promise<string[]> {
  return withAdmin(async (client) => {
    const { searchEntries } = await client.search(labDetails().ldap.baseDn, {
      scope: 'sub',
      attributes: ['1.1'],
    });
    return searchEntries
      .map((entry) => entry.dn)
      .filter((dn) => !otherTestsEntries.test(dn))
      .sort();
  });
}

export interface EntryFacts {
  dn: string;
  uid: string;
  description: string;
  locked: boolean;
}

const text = (value: Entry[string] | undefined): string =>
  Array.isArray(value) ? value.map(String).join('|') : value === undefined ? '' : String(value);

/** The entries under ou=people whose uid equals `uid` (an equality filter object: no escaping). */
export function entriesWithUid(uid: string): Promise<EntryFacts[]> {
  return withAdmin(async (client) => {
    const { searchEntries } = await client.search(labDetails().ldap.peopleDn, {
      scope: 'one',
      filter: new EqualityFilter({ attribute: 'uid', value: uid }),
      attributes: ['uid', 'description', 'pwdAccountLockedTime'],
    });
    return searchEntries.map((entry) => ({
      dn: entry.dn,
      uid: text(entry.uid),
      description: text(entry.description),
      locked: text(entry.pwdAccountLockedTime) !== '',
    }));
  });
}

/** The single entry with that uid, or null. */
export async function entryFacts(uid: string): Promise<EntryFacts | null> {
  const entries = await entriesWithUid(uid);
  if (entries.length > 1) throw new Error(`${entries.length} entries with uid ${uid}`);
  return entries[0] ?? null;
}

export async function deleteEntries(uid: string): Promise<void> {
  for (const entry of await entriesWithUid(uid)) await withAdmin((client) => client.del(entry.dn));
}
