// The hostile corpus through every built-in LDAP template, against the real slapd. For each value,
// as USERNAME, NEW_PASSWORD, SESSION_ID and DOMAIN: the run is refused before anything is sent, or
// the value is stored literally (an entry whose uid is exactly that, a password that binds, a
// description that reads that), or the server rejects the literal with nothing created. Around each
// case the set of entries is the same before and after, and the canary entry uid=x survives.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../../electron/plugins/plugin-runtime';
import { labDetails } from '../../../lab/inject';
import { uniqueName } from '../../../lab/names';
import { hostileValues, type HostileValue } from '../../../support/hostile-values';
import {
  adminLogin,
  bindOutcome,
  closeAdmin,
  deleteEntries,
  entryFacts,
  entrySnapshot,
  plugin,
  runTemplate,
  tagsFor,
  target,
  withAdmin,
} from './support';

const CANARY = 'x';
const canaryDn = (): string => `uid=${CANARY},${labDetails().ldap.peopleDn}`;

/** How many commands each built-in template runs (steps of a successful run). */
const stepCount: Record<string, number> = {
  'ldap.create-entry': 1,
  'ldap.delete-entry': 2,
  'ldap.enable-entry': 2,
  'ldap.disable-entry': 2,
  'ldap.change-password': 2,
};

beforeAll(async () => {
  await deleteEntries(CANARY);
  await withAdmin((c) =>
    c.add(canaryDn(), {
      objectClass: 'inetOrgPerson',
      uid: CANARY,
      cn: CANARY,
      sn: CANARY,
      description: 'canary',
    }),
  );
});

afterAll(async () => {
  await deleteEntries(CANARY);
  await closeAdmin();
});

type Outcome = 'ok' | 'refused' | 'target';

function outcome(result: RunResult, key: string): Outcome {
  if (result.ok) {
    expect(result.steps.map((s) => s.ok)).toEqual(Array<boolean>(stepCount[key] ?? -1).fill(true));
    return 'ok';
  }
  if (result.failure?.kind === 'refused') {
    expect(result.steps).toEqual([]);
    return 'refused';
  }
  expect(result.failure?.kind, result.failure?.message).toBe('target');
  return 'target';
}

async function expectNothingElseChanged(before: string[]): Promise<void> {
  expect(await entrySnapshot()).toEqual(before);
  expect(await entryFacts(CANARY)).toMatchObject({ dn: canaryDn(), description: 'canary', locked: false });
}

describe.each(hostileValues.map((h): [string, HostileValue] => [h.name, h]))(
  'hostile %s',
  (_name, hostile) => {
    it('as USERNAME: an entry whose uid is exactly that, through its whole life, or nothing at all', async () => {
      const before = await entrySnapshot();
      const tags = tagsFor(hostile.value);
      const created = outcome(await runTemplate('ldap.create-entry', tags), 'ldap.create-entry');
      const facts = await entryFacts(hostile.value);
      if (created === 'ok') {
        expect(facts).toMatchObject({ uid: hostile.value, locked: false });
        expect(facts?.dn.endsWith(`,${labDetails().ldap.peopleDn}`)).toBe(true);
        expect((await entrySnapshot()).length).toBe(before.length + 1);
        expect(
          await plugin.accountExists({ target: target(), login: adminLogin(), username: hostile.value }),
        ).toBe(true);
        expect(await bindOutcome(facts?.dn ?? '', tags.NEW_PASSWORD ?? '')).toBe('ok');
      } else {
        expect(facts).toBeNull();
      }
      const lifecycle: [string, boolean | null][] = [
        ['ldap.disable-entry', true],
        ['ldap.enable-entry', false],
        ['ldap.change-password', false],
        ['ldap.delete-entry', null],
      ];
      for (const [key, locked] of lifecycle) {
        const result = outcome(await runTemplate(key, tags), key);
        if (created === 'ok') {
          expect(result, key).toBe('ok');
          expect((await entryFacts(hostile.value))?.locked ?? null).toBe(locked);
        } else {
          // No entry to act on. A value refused on an attribute line (a line break) may still be
          // fine escaped in a DN: then the server answers "no such object".
          expect(['refused', 'target'], key).toContain(result);
        }
      }
      await expectNothingElseChanged(before);
    });

    it('as NEW_PASSWORD: the password binds as it is, or a refusal', async () => {
      const before = await entrySnapshot();
      const uid = uniqueName('jitldhv');
      const created = outcome(
        await runTemplate('ldap.create-entry', tagsFor(uid, hostile.value)),
        'ldap.create-entry',
      );
      expect(created).not.toBe('target');
      const dn = `uid=${uid},${labDetails().ldap.peopleDn}`;
      if (created === 'ok') expect(await bindOutcome(dn, hostile.value)).toBe('ok');
      else expect((await runTemplate('ldap.create-entry', tagsFor(uid))).ok).toBe(true);
      const changed = outcome(
        await runTemplate('ldap.change-password', tagsFor(uid, hostile.value)),
        'ldap.change-password',
      );
      expect(changed).toBe(created);
      if (changed === 'ok') expect(await bindOutcome(dn, hostile.value)).toBe('ok');
      expect((await runTemplate('ldap.delete-entry', tagsFor(uid))).ok).toBe(true);
      await expectNothingElseChanged(before);
    });

    it('as SESSION_ID: the marker reads exactly that, or a refusal', async () => {
      const before = await entrySnapshot();
      const uid = uniqueName('jitldhv');
      const tags = { ...tagsFor(uid), SESSION_ID: hostile.value };
      const created = outcome(await runTemplate('ldap.create-entry', tags), 'ldap.create-entry');
      expect(created).not.toBe('target');
      if (created === 'ok') {
        expect((await entryFacts(uid))?.description).toBe(`managed by jit-pam session ${hostile.value}`);
        expect((await runTemplate('ldap.delete-entry', tags)).ok).toBe(true);
      }
      await expectNothingElseChanged(before);
    });

    it('as DOMAIN (the base DN): refused unless it is a DN, and nothing is created elsewhere', async () => {
      const before = await entrySnapshot();
      const uid = uniqueName('jitldhv');
      const result = await runTemplate('ldap.create-entry', { ...tagsFor(uid), DOMAIN: hostile.value });
      // Not one of these names an existing base: a refusal, or the server's "no such object".
      expect(result.ok).toBe(false);
      expect(['refused', 'target']).toContain(outcome(result, 'ldap.create-entry'));
      expect(await entryFacts(uid)).toBeNull();
      await expectNothingElseChanged(before);
    });
  },
);
