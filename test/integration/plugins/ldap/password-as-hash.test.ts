// The built-in templates write userPassword as an {SSHA} hash the core computes, so the directory
// never receives the password in clear (an audit log or changelog holds the hash), and stores it
// hashed whatever its configuration. The lab's slapd hashes a clear password itself
// (ppolicy_hash_cleartext), with a 4-byte salt; the core's hash has an 8-byte one: the stored value
// tells which of the two wrote it.

import { createHash } from 'node:crypto';
import { EqualityFilter } from 'ldapts';
import { afterAll, describe, expect, it } from 'vitest';
import { labDetails } from '../../../lab/inject';
import { randomPassword } from '../../../lab/secrets';
import {
  bindOutcome,
  closeAdmin,
  deleteEntries,
  roundTripName,
  runTemplate,
  tagsFor,
  withAdmin,
} from './support';

/** The entry's userPassword values, read as the admin. */
const storedPasswords = (uid: string): Promise<string[]> =>
  withAdmin(async (client) => {
    const { searchEntries } = await client.search(labDetails().ldap.peopleDn, {
      scope: 'one',
      filter: new EqualityFilter({ attribute: 'uid', value: uid }),
      attributes: ['userPassword'],
    });
    const value = searchEntries[0]?.userPassword;
    return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);
  });

/** Whether `stored` is {SSHA} of `password` with a salt of `saltBytes` bytes. */
function isSshaOf(stored: string, password: string, saltBytes: number): boolean {
  if (!stored.startsWith('{SSHA}')) return false;
  const raw = Buffer.from(stored.slice('{SSHA}'.length), 'base64');
  const [digest, salt] = [raw.subarray(0, 20), raw.subarray(20)];
  const expected = createHash('sha1').update(password).update(salt).digest();
  return salt.length === saltBytes && digest.equals(expected);
}

const made: string[] = [];
afterAll(async () => {
  for (const uid of made) await deleteEntries(uid);
  await closeAdmin();
});

describe('LDAP built-ins write the password as an {SSHA} hash', () => {
  it('New user and Password change: the entry binds with the password, and stores the core’s hash', async () => {
    const name = roundTripName();
    made.push(name);
    const tags = tagsFor(name);
    const dn = `uid=${name},${labDetails().ldap.peopleDn}`;
    expect((await runTemplate('ldap.create-entry', tags)).failure).toBeNull();
    expect(await bindOutcome(dn, tags.NEW_PASSWORD ?? '')).toBe('ok');
    const [created] = await storedPasswords(name);
    expect(isSshaOf(created ?? '', tags.NEW_PASSWORD ?? '', 8), 'the core’s {SSHA}, 8-byte salt').toBe(true);

    const changed = { ...tags, NEW_PASSWORD: randomPassword() };
    expect((await runTemplate('ldap.change-password', changed)).failure).toBeNull();
    expect(await bindOutcome(dn, changed.NEW_PASSWORD)).toBe('ok');
    expect(await bindOutcome(dn, tags.NEW_PASSWORD ?? '')).toBe('InvalidCredentialsError');
    const stored = await storedPasswords(name);
    expect(stored).toHaveLength(1);
    expect(isSshaOf(stored[0] ?? '', changed.NEW_PASSWORD, 8), 'the core’s {SSHA}, 8-byte salt').toBe(true);
  });
});
