/**
 * JIT sessions through the real core against the lab's real OpenLDAP, with the built-in LDAP
 * templates: the entry binds with `ldapwhoami` while the session is Active, and is refused after
 * the end (deleted for Creation and deletion, ppolicy-locked for Enable/Disable).
 */
import { Attribute, Change } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionSecretRef } from '../../../electron/lifecycle/session-lifecycle';
import type { Session } from '../../../shared/domain/session';
import { labDetails } from '../../lab/inject';
import { uniqueName } from '../../lab/names';
import { randomPassword } from '../../lab/secrets';
import { closeAdmin, deleteEntries, entryFacts, withAdmin } from '../plugins/ldap/support';
import { entryDn, ldapClientLogin, seedLdapLab, type LdapLabCore } from '../support/ldap-lab-core';
import { callCore } from '../support/postgres-lab-core';
import { ChosenNames, openSessionCore, untilState, type SessionCore } from '../support/session-core';

let sc: SessionCore;
let lab: LdapLabCore;
/** Entries (by uid) a test made or may have left: deleted at the end whatever happened. */
const uids = new Set<string>();
const call = (method: Parameters<typeof callCore>[1], input: unknown) => callCore(sc.core, method, input);

const names = new ChosenNames();

beforeAll(async () => {
  sc = await openSessionCore('jit-sessions-ldap-', { randomInt: names.randomInt });
  lab = await seedLdapLab(sc.core);
});

afterAll(async () => {
  try {
    await sc.close();
  } finally {
    for (const uid of uids) await deleteEntries(uid);
    await closeAdmin();
  }
});

describe('JIT sessions against the real OpenLDAP', () => {
  it('Creation and deletion: the entry binds with ldapwhoami while Active; the end deletes it', async () => {
    const credential = (await call('credentials.save', {
      credential: {
        username: 'reporting',
        type: 'Local user',
        deviceId: lab.deviceId,
        // The built-ins' [#DOMAIN#]: where the entry goes.
        domain: labDetails().ldap.baseDn,
        jit: {
          enabled: true,
          type: 'create_delete',
          authCredentialId: lab.adminId,
          createPluginId: 'ldap',
          createTemplateId: lab.templateId('LDAP: JIT create entry'),
          deletePluginId: 'ldap',
          deleteTemplateId: lab.templateId('LDAP: JIT delete entry'),
        },
      },
      password: { action: 'keep' },
    })) as { id: number };

    const started = (await call('sessions.start', { credentialId: credential.id })) as Session;
    uids.add(started.account);
    const active = await untilState(sc.core, started.id, 'active');
    expect(await entryFacts(active.account)).toMatchObject({ dn: entryDn(active.account) });
    const password = sc.core.vault.get(sessionSecretRef(active.id));
    expect(await ldapClientLogin(entryDn(active.account), password)).toBe('ok');

    await call('sessions.end', { id: active.id });
    await untilState(sc.core, active.id, 'ended');
    expect(await entryFacts(active.account)).toBeNull();
    expect(await ldapClientLogin(entryDn(active.account), password)).toBe('refused');
  });

  it('Enable/Disable: the entry binds with ldapwhoami only while the session is Active', async () => {
    const uid = uniqueName('jitlden');
    const password = randomPassword();
    uids.add(uid);
    const dn = entryDn(uid);
    await withAdmin(async (admin) => {
      await admin.add(dn, { objectClass: 'inetOrgPerson', uid, cn: uid, sn: uid, userPassword: password });
      // Disabled as the built-in disable leaves it: locked by ppolicy.
      await admin.modify(
        dn,
        new Change({
          operation: 'replace',
          modification: new Attribute({ type: 'pwdAccountLockedTime', values: ['000001010000Z'] }),
        }),
      );
    });
    expect(await ldapClientLogin(dn, password)).toBe('refused');
    const credential = (await call('credentials.save', {
      credential: {
        username: uid,
        type: 'Local user',
        deviceId: lab.deviceId,
        domain: labDetails().ldap.baseDn,
        jit: {
          enabled: true,
          type: 'enable_disable',
          authCredentialId: lab.adminId,
          enablePluginId: 'ldap',
          enableTemplateId: lab.templateId('LDAP: JIT enable entry (ppolicy)'),
          disablePluginId: 'ldap',
          disableTemplateId: lab.templateId('LDAP: JIT disable entry (ppolicy)'),
        },
      },
      password: { action: 'set', value: password },
    })) as { id: number };

    const started = (await call('sessions.start', { credentialId: credential.id })) as Session;
    await untilState(sc.core, started.id, 'active');
    expect(await ldapClientLogin(dn, password)).toBe('ok');

    await call('sessions.end', { id: started.id });
    await untilState(sc.core, started.id, 'ended');
    expect(await ldapClientLogin(dn, password)).toBe('refused');
    expect(await entryFacts(uid)).toMatchObject({ dn, locked: true });
  });

  it('Creation and deletion refuses a generated name an unmanaged entry has, and leaves it untouched', async () => {
    const existing = await names.choose(sc.core);
    const password = randomPassword();
    uids.add(existing);
    const dn = entryDn(existing);
    await withAdmin((admin) =>
      admin.add(dn, {
        objectClass: 'inetOrgPerson',
        uid: existing,
        cn: existing,
        sn: existing,
        userPassword: password,
        description: "a person's own entry",
      }),
    );
    // Every attribute, and modifyTimestamp: any change to the entry would show.
    const snapshot = () =>
      withAdmin(
        async (admin) =>
          (await admin.search(dn, { scope: 'base', attributes: ['*', 'modifyTimestamp'] })).searchEntries,
      );
    const before = await snapshot();
    expect(before).toHaveLength(1);
    const credential = (await call('credentials.save', {
      credential: {
        username: 'collide',
        type: 'Local user',
        deviceId: lab.deviceId,
        domain: labDetails().ldap.baseDn,
        jit: {
          enabled: true,
          type: 'create_delete',
          authCredentialId: lab.adminId,
          createPluginId: 'ldap',
          createTemplateId: lab.templateId('LDAP: JIT create entry'),
          deletePluginId: 'ldap',
          deleteTemplateId: lab.templateId('LDAP: JIT delete entry'),
        },
      },
      password: { action: 'keep' },
    })) as { id: number };

    const started = (await call('sessions.start', { credentialId: credential.id })) as Session;
    expect(started.account).toBe(existing);
    const failed = await untilState(sc.core, started.id, 'failed');
    expect(failed.error).toMatch(/exists already .* left untouched/);
    await sc.core.sessions.idle();

    expect(await snapshot()).toEqual(before);
    expect(await ldapClientLogin(dn, password)).toBe('ok');
  });
});
