// Every built-in LDAP template against the lab's real slapd (with ppolicy): creation and deletion,
// disable and enable (a locked entry cannot bind), password change, the ownership marker that
// guards deletion, and the command language's own rules (find, bind, mod-* selection).

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ldapBuiltinTemplates } from '../../../../electron/plugins/ldap';
import { labDetails } from '../../../lab/inject';
import { randomPassword } from '../../../lab/secrets';
import {
  adminLogin,
  bindOutcome,
  closeAdmin,
  deleteEntries,
  entryFacts,
  plugin,
  roundTripName,
  runTemplate,
  tagsFor,
  target,
  withAdmin,
} from './support';

const made: string[] = [];
function newUid(): string {
  const uid = roundTripName();
  made.push(uid);
  return uid;
}

afterEach(async () => {
  for (const uid of made.splice(0)) await deleteEntries(uid);
});

afterAll(closeAdmin);

const dnOf = (uid: string): string => `uid=${uid},${labDetails().ldap.peopleDn}`;
const exists = (username: string, domain?: string): Promise<boolean> =>
  plugin.accountExists({ target: target(), login: { ...adminLogin(), domain }, username });

describe('LDAP built-in templates', () => {
  it('pass check()', () => {
    for (const builtin of ldapBuiltinTemplates)
      expect(plugin.check(builtin.content), builtin.key).toEqual([]);
  });

  it('New user, then User delete: the entry exists, binds, is marked, then is gone', async () => {
    const uid = newUid();
    const tags = tagsFor(uid);
    const created = await runTemplate('ldap.create-entry', tags);
    expect(created.failure).toBeNull();
    expect(await exists(uid)).toBe(true);
    expect(await bindOutcome(dnOf(uid), tags.NEW_PASSWORD ?? '')).toBe('ok');
    expect(await entryFacts(uid)).toEqual({
      dn: dnOf(uid),
      uid,
      description: `managed by jit-pam session ${tags.SESSION_ID}`,
      locked: false,
    });

    const deleted = await runTemplate('ldap.delete-entry', tags);
    expect(deleted.failure).toBeNull();
    expect(deleted.steps[0]?.output).toBe(dnOf(uid));
    expect(await exists(uid)).toBe(false);
    expect(await bindOutcome(dnOf(uid), tags.NEW_PASSWORD ?? '')).toBe('InvalidCredentialsError');
  });

  it('Credential disable locks the entry through ppolicy (bind refused); enable unlocks it, twice over', async () => {
    const uid = newUid();
    const tags = tagsFor(uid);
    expect((await runTemplate('ldap.create-entry', tags)).failure).toBeNull();

    expect((await runTemplate('ldap.disable-entry', tags)).failure).toBeNull();
    expect((await entryFacts(uid))?.locked).toBe(true);
    expect(await bindOutcome(dnOf(uid), tags.NEW_PASSWORD ?? '')).toBe('InvalidCredentialsError');

    expect((await runTemplate('ldap.enable-entry', tags)).failure).toBeNull();
    expect(await bindOutcome(dnOf(uid), tags.NEW_PASSWORD ?? '')).toBe('ok');
    // Enabling an entry that is not locked is not an error (a replace with no value).
    expect((await runTemplate('ldap.enable-entry', tags)).failure).toBeNull();
  });

  it('Password change: the new password binds, the old one no longer does', async () => {
    const uid = newUid();
    const tags = tagsFor(uid);
    expect((await runTemplate('ldap.create-entry', tags)).failure).toBeNull();
    const newPassword = randomPassword();
    expect(
      (await runTemplate('ldap.change-password', { ...tags, NEW_PASSWORD: newPassword })).failure,
    ).toBeNull();
    expect(await bindOutcome(dnOf(uid), newPassword)).toBe('ok');
    expect(await bindOutcome(dnOf(uid), tags.NEW_PASSWORD ?? '')).toBe('InvalidCredentialsError');
  });

  it('User delete refuses an entry without the marker (find matches nothing), and changes nothing', async () => {
    const uid = newUid();
    await withAdmin((c) => c.add(dnOf(uid), { objectClass: 'inetOrgPerson', uid, cn: uid, sn: uid }));
    const result = await runTemplate('ldap.delete-entry', tagsFor(uid));
    expect(result.failure).toMatchObject({ kind: 'target', line: 2 });
    expect(result.failure?.message).toMatch(/find matched no entry$/);
    expect(result.steps).toHaveLength(1);
    expect(await entryFacts(uid)).not.toBeNull();
  });

  it('New user refuses to take over an existing entry (already exists, 68)', async () => {
    const uid = newUid();
    await withAdmin((c) => c.add(dnOf(uid), { objectClass: 'inetOrgPerson', uid, cn: uid, sn: 'other' }));
    const result = await runTemplate('ldap.create-entry', tagsFor(uid));
    expect(result.failure).toMatchObject({ kind: 'target', line: 2 });
    expect(result.failure?.message).toContain('(LDAP result 68)');
  });
});

describe('LDAP accountExists and endSessions', () => {
  it('searches the login domain, or every naming context when it has none', async () => {
    const uid = newUid();
    expect((await runTemplate('ldap.create-entry', tagsFor(uid))).failure).toBeNull();
    expect(await exists(uid)).toBe(true);
    expect(await exists(uid, '')).toBe(true);
    expect(await exists(uid, labDetails().ldap.defaultPolicyDn.replace(/^cn=default,/, ''))).toBe(false);
    expect(await exists(`${uid}*`)).toBe(false);
  });

  it('has no sessions to end', async () => {
    expect(await plugin.endSessions({ target: target(), login: adminLogin(), username: 'anyone' })).toBe(0);
  });
});

describe('LDAP runs', () => {
  const people = (): string => labDetails().ldap.peopleDn;

  it('bind inside a template as another entry; a wrong password fails as connect, masked', async () => {
    const uid = newUid();
    const tags = tagsFor(uid);
    expect((await runTemplate('ldap.create-entry', tags)).failure).toBeNull();
    const ok = await plugin.run({
      template: `bind "uid=[#USERNAME#],${people()}" "[#NEW_PASSWORD#]"\nfind "${people()}" "(uid=[#USERNAME#])"`,
      tags,
      target: target(),
      login: adminLogin(),
    });
    expect(ok.failure).toBeNull();
    expect(ok.steps[0]?.command).toBe(`bind "uid=${uid},${people()}" "******"`);
    const wrong = await plugin.run({
      template: `bind "uid=[#USERNAME#],${people()}" "[#CURRENT_PASSWORD#]"`,
      tags: { ...tags, CURRENT_PASSWORD: 'wrong-secret' },
      target: target(),
      login: adminLogin(),
    });
    expect(wrong.failure).toMatchObject({ kind: 'connect', line: 1 });
    expect(JSON.stringify(wrong)).not.toContain('wrong-secret');
  });

  it('fail as connect when the login cannot bind, without its password', async () => {
    const result = await plugin.run({
      template: `find "${people()}" "(uid=*)"`,
      tags: {},
      target: target(),
      login: { ...adminLogin(), password: 'not-the-password' },
    });
    expect(result.failure?.kind).toBe('connect');
    expect(result.failure?.message).toContain('(LDAP result 49)');
    expect(JSON.stringify(result)).not.toContain('not-the-password');
  });

  it('a find that matches several entries cannot be followed by a mod-*', async () => {
    const [a, b] = [newUid(), newUid()];
    for (const uid of [a, b])
      expect((await runTemplate('ldap.create-entry', tagsFor(uid))).failure).toBeNull();
    const result = await plugin.run({
      template: `find "${people()}" "(|(uid=${a})(uid=${b}))"\nmod-replace description changed`,
      tags: {},
      target: target(),
      login: adminLogin(),
    });
    expect(result.failure).toMatchObject({ kind: 'target', line: 2 });
    expect(result.failure?.message).toContain('the last find matched 2');
    expect((await entryFacts(a))?.description).toMatch(/^managed by jit-pam/);
  });

  it('add with repeated attributes, then mod-add / mod-del on the added entry', async () => {
    const uid = newUid();
    const result = await plugin.run({
      template: [
        `add "uid=[#USERNAME#],${people()}"`,
        'objectClass: inetOrgPerson',
        'uid: [#USERNAME#]',
        'cn: one',
        'cn: two',
        'sn: [#USERNAME#]',
        '',
        'mod-add description first',
        'mod-add description second',
        'mod-del description first',
      ].join('\n'),
      tags: { USERNAME: uid },
      target: target(),
      login: adminLogin(),
    });
    expect(result.failure).toBeNull();
    expect(result.steps.map((s) => s.line)).toEqual([1, 8, 9, 10]);
    expect((await entryFacts(uid))?.description).toBe('second');
  });

  it('stop at the first error and name the line', async () => {
    const result = await plugin.run({
      template: `find "${people()}" "(uid=nobody-at-all)"\ndelete "uid=nobody-at-all,${people()}"`,
      tags: {},
      target: target(),
      login: adminLogin(),
    });
    expect(result.failure).toMatchObject({ kind: 'target', line: 1 });
    expect(result.failure?.message).toBe(
      `Line 1: find "${people()}" "(uid=nobody-at-all)": find matched no entry`,
    );
    expect(result.steps).toHaveLength(1);
  });

  it('cancel when the signal aborts', async () => {
    const controller = new AbortController();
    const result = await plugin.run({
      template: `find "${people()}" "(objectClass=*)"\nfind "${people()}" "(objectClass=*)"`,
      tags: {},
      target: target(),
      login: adminLogin(),
      signal: controller.signal,
      onStep: () => controller.abort(),
    });
    expect(result.failure).toMatchObject({ kind: 'canceled', line: 2 });
  });
});
