// A template written the way the vendor's library writes LDAP templates (options first, the
// template's own bind, find's filter without quotes, then mod-replace on the entry find selected),
// in our own words, run against the lab's slapd.

import { afterAll, describe, expect, it } from 'vitest';
import { labDetails } from '../../../lab/inject';
import {
  adminLogin,
  closeAdmin,
  deleteEntries,
  entryFacts,
  plugin,
  roundTripName,
  runTemplate,
  tagsFor,
  target,
} from './support';

const made: string[] = [];
afterAll(async () => {
  for (const uid of made) await deleteEntries(uid);
  await closeAdmin();
});

const vendorStyle = [
  '# Options',
  'set-option LDAP_OPT_PROTOCOL_VERSION 3',
  'set-option LDAP_OPT_REFERRALS 3',
  '',
  '# Bind as the administrator',
  'bind "[#AUTH_USER#]"',
  '',
  '# Locate the entry',
  'find "[#DOMAIN#]" (&(objectClass=inetOrgPerson)(uid=[#USERNAME#]))',
  '',
  '# Mark it',
  'mod-replace description changed in the vendor style',
].join('\n');

describe('an LDAP template in the vendor style', () => {
  it('binds with its own bind after the options, finds the entry, and changes it', async () => {
    const name = roundTripName();
    made.push(name);
    const tags = tagsFor(name);
    expect((await runTemplate('ldap.create-entry', tags)).failure).toBeNull();

    // The login's name is not a DN the directory knows: only the template's own bind (which
    // takes the login's password) can succeed, so the run proves no login bind came first.
    const { adminDn, adminPassword } = labDetails().ldap;
    const result = await plugin.run({
      template: vendorStyle,
      tags: { ...tags, AUTH_USER: adminDn },
      target: target(),
      login: { ...adminLogin(), username: 'cn=nobody,dc=nowhere', password: adminPassword },
    });
    expect(result.failure).toBeNull();
    expect(result.steps.map((step) => step.command.split(' ')[0])).toEqual([
      'set-option',
      'set-option',
      'bind',
      'find',
      'mod-replace',
    ]);
    expect((await entryFacts(name))?.description).toBe('changed in the vendor style');
  });

  it('fails at find, changing nothing, when the filter matches no entry', async () => {
    const { adminDn } = labDetails().ldap;
    const result = await plugin.run({
      template: vendorStyle,
      tags: { ...tagsFor(roundTripName()), AUTH_USER: adminDn },
      target: target(),
      login: adminLogin(),
    });
    expect(result.failure?.line).toBe(9);
    expect(result.failure?.message).toMatch(/find matched no entry/);
    expect(result.steps.map((step) => step.ok)).toEqual([true, true, true, false]);
  });
});
