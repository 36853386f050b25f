// The hostile corpus through every built-in PostgreSQL template, against the real server. For each
// value and each tag the templates use, the run is either refused before anything is sent, or the
// value is stored literally (a role named exactly that, a password that logs in, a comment that
// reads that) and every statement that ran is the template's own. Around each case the set of
// roles is the same before and after, and the canary role "x" (the target of '; DROP ROLE x; --)
// survives.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../../electron/plugins/plugin-runtime';
import { postgresqlBuiltinTemplates } from '../../../../electron/plugins/postgresql';
import { uniqueName } from '../../../lab/names';
import { hostileValues, type HostileValue } from '../../../support/hostile-values';
import {
  adminLogin,
  closeAdmin,
  loginOutcome,
  plugin,
  roleFacts,
  roleSnapshot,
  runTemplate,
  tagsFor,
  target,
  withAdmin,
} from './support';
import { statementCounts } from '../../../support/statement-count';

const CANARY = 'x';

const statementCount = statementCounts(postgresqlBuiltinTemplates);

beforeAll(async () => {
  await withAdmin((client) => client.query(`DROP ROLE IF EXISTS ${CANARY}; CREATE ROLE ${CANARY} NOLOGIN`));
});

afterAll(async () => {
  await withAdmin((client) => client.query(`DROP ROLE IF EXISTS ${CANARY}`));
  await closeAdmin();
});

/** ok (every statement of the template ran, and only those) or refused before sending anything. */
function expectOkOrRefused(result: RunResult, key: string): 'ok' | 'refused' {
  if (result.ok) {
    expect(result.steps.map((s) => s.ok)).toEqual(Array<boolean>(statementCount.get(key) ?? -1).fill(true));
    return 'ok';
  }
  expect(result.failure?.kind, result.failure?.message).toBe('refused');
  expect(result.steps).toEqual([]);
  return 'refused';
}

async function expectNothingElseChanged(before: string[]): Promise<void> {
  expect(await roleSnapshot()).toEqual(before);
  expect(await roleFacts(CANARY)).toEqual({ canLogin: false, comment: null });
}

describe.each(hostileValues.map((h): [string, HostileValue] => [h.name, h]))(
  'hostile %s',
  (_name, hostile) => {
    it('as USERNAME: a role named exactly that, through its whole life, or a refusal', async () => {
      const before = await roleSnapshot();
      const tags = tagsFor(hostile.value);
      const created = expectOkOrRefused(
        await runTemplate('postgresql.create-role', tags),
        'postgresql.create-role',
      );
      if (created === 'ok') {
        expect([...(await roleSnapshot())].sort()).toEqual([...before, hostile.value].sort());
        expect(await roleFacts(hostile.value)).toEqual({
          canLogin: true,
          comment: `managed by jit-pam session ${tags.SESSION_ID}`,
        });
        expect(
          await plugin.accountExists({ target: target(), login: adminLogin(), username: hostile.value }),
        ).toBe(true);
      }
      const steps: [string, (facts: Awaited<ReturnType<typeof roleFacts>>) => void][] = [
        ['postgresql.disable-role', (facts) => expect(facts?.canLogin).toBe(false)],
        ['postgresql.enable-role', (facts) => expect(facts?.canLogin).toBe(true)],
        ['postgresql.change-password', (facts) => expect(facts?.canLogin).toBe(true)],
        ['postgresql.drop-role', (facts) => expect(facts).toBeNull()],
      ];
      for (const [key, check] of steps) {
        const outcome = expectOkOrRefused(await runTemplate(key, tags), key);
        // The same value is judged the same way by every template.
        expect(outcome, key).toBe(created);
        if (outcome === 'ok') check(await roleFacts(hostile.value));
      }
      await expectNothingElseChanged(before);
    });

    it('as NEW_PASSWORD: the password logs in as it is, or a refusal', async () => {
      const before = await roleSnapshot();
      const name = uniqueName('jitpghv');
      const created = expectOkOrRefused(
        await runTemplate('postgresql.create-role', tagsFor(name, hostile.value)),
        'postgresql.create-role',
      );
      if (created === 'ok') {
        expect(await loginOutcome(name, hostile.value)).toBe('ok');
      } else {
        // Create the role another way, to put the value through the password change too.
        expect((await runTemplate('postgresql.create-role', tagsFor(name))).ok).toBe(true);
      }
      const changed = expectOkOrRefused(
        await runTemplate('postgresql.change-password', tagsFor(name, hostile.value)),
        'postgresql.change-password',
      );
      expect(changed).toBe(created);
      if (changed === 'ok') expect(await loginOutcome(name, hostile.value)).toBe('ok');
      expect((await runTemplate('postgresql.drop-role', tagsFor(name))).ok).toBe(true);
      await expectNothingElseChanged(before);
    });

    it('as SESSION_ID: the marker comment reads exactly that, or a refusal', async () => {
      const before = await roleSnapshot();
      const name = uniqueName('jitpghv');
      const tags = { ...tagsFor(name), SESSION_ID: hostile.value };
      const created = expectOkOrRefused(
        await runTemplate('postgresql.create-role', tags),
        'postgresql.create-role',
      );
      if (created === 'ok') {
        expect((await roleFacts(name))?.comment).toBe(`managed by jit-pam session ${hostile.value}`);
        expect((await runTemplate('postgresql.drop-role', tags)).ok).toBe(true);
      }
      await expectNothingElseChanged(before);
    });

    it('as EXPIRATION: a refusal, or a literal the server rejects, with nothing created', async () => {
      const before = await roleSnapshot();
      const name = uniqueName('jitpghv');
      const tags = { ...tagsFor(name), EXPIRATION: hostile.value };
      const result = await runTemplate('postgresql.create-role', tags);
      // None of these is a timestamp: the server refuses it inside the transaction, so no role stays.
      expect(result.ok).toBe(false);
      expect(['refused', 'target']).toContain(result.failure?.kind);
      if (result.failure?.kind === 'target') {
        expect(result.failure.line).toBe(4);
        expect(result.failure.message).toMatch(/invalid input syntax for type timestamp|date\/time/);
      }
      expect(await roleFacts(name)).toBeNull();
      await expectNothingElseChanged(before);
    });
  },
);
