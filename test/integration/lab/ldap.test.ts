// Proves the lab's slapd is real and its ppolicy overlay works: an inetOrgPerson the admin adds can
// bind, cannot while pwdAccountLockedTime is set, can again once it is removed, and not once deleted.

import { Attribute, Change, Client, InvalidCredentialsError, NoSuchObjectError } from 'ldapts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { labDetails } from '../../lab/inject.js';
import { uniqueName } from '../../lab/names.js';
import { randomPassword } from '../../lab/secrets.js';

// ppolicy's "locked until an administrator unlocks it" value.
const LOCKED_FOREVER = '000001010000Z';

function newClient(): Client {
  return new Client({ url: labDetails().ldap.url, connectTimeout: 5_000, timeout: 10_000 });
}

/** Binds as `dn` on a fresh connection; rejects as the server refuses. */
async function bindAs(dn: string, password: string): Promise<void> {
  const client = newClient();
  try {
    await client.bind(dn, password);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

function lockedTime(operation: 'replace' | 'delete'): Change {
  return new Change({
    operation,
    modification: new Attribute({
      type: 'pwdAccountLockedTime',
      values: operation === 'replace' ? [LOCKED_FOREVER] : [],
    }),
  });
}

describe('lab OpenLDAP server', () => {
  const ldap = labDetails().ldap;
  const uid = uniqueName();
  const dn = `uid=${uid},${ldap.peopleDn}`;
  const password = randomPassword();
  let admin: Client;

  beforeEach(async () => {
    admin = newClient();
    await admin.bind(ldap.adminDn, ldap.adminPassword);
  });

  afterEach(async () => {
    await admin.del(dn).catch((error: unknown) => {
      if (!(error instanceof NoSuchObjectError)) throw error;
    });
    await admin.unbind();
  });

  it('has the seeded people and default policy entries', async () => {
    const { searchEntries } = await admin.search(ldap.defaultPolicyDn, {
      scope: 'base',
      attributes: ['pwdLockout'],
    });
    expect(searchEntries[0]?.pwdLockout).toBe('TRUE');
    const people = await admin.search(ldap.peopleDn, { scope: 'base' });
    expect(people.searchEntries).toHaveLength(1);
  });

  it('adds a person, binds as it, locks it through ppolicy, deletes it', async () => {
    await admin.add(dn, { objectClass: 'inetOrgPerson', uid, cn: uid, sn: uid, userPassword: password });
    await bindAs(dn, password);

    // ppolicy_hash_cleartext: the clear password sent on add was stored hashed.
    const stored = await admin.search(dn, { scope: 'base', attributes: ['userPassword'] });
    expect(String(stored.searchEntries[0]?.userPassword)).toMatch(/^\{SSHA\}/);

    await admin.modify(dn, lockedTime('replace'));
    await expect(bindAs(dn, password)).rejects.toBeInstanceOf(InvalidCredentialsError);

    // Unlocked, the same password works again: it was the lock that refused the bind.
    await admin.modify(dn, lockedTime('delete'));
    await bindAs(dn, password);

    await admin.del(dn);
    await expect(admin.search(dn, { scope: 'base' })).rejects.toBeInstanceOf(NoSuchObjectError);
    await expect(bindAs(dn, password)).rejects.toBeInstanceOf(InvalidCredentialsError);
  });
});
