// The hostile corpus through every built-in MySQL/MariaDB template, against the real server. For
// each value, as USERNAME and as NEW_PASSWORD: the run is refused before anything is sent, or the
// value is stored literally (an account named exactly that, a password that logs in), or the
// server itself rejects the literal (a name too long for MariaDB) with nothing created. Around each
// case the set of accounts is the same before and after, and the canary account x@'%' survives.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../../electron/plugins/plugin-runtime';
import { mysqlBuiltinTemplates } from '../../../../electron/plugins/mysql';
import { uniqueName } from '../../../lab/names';
import { hostileValues, type HostileValue } from '../../../support/hostile-values';
import {
  accountFacts,
  accountSnapshot,
  adminLogin,
  closeAdmin,
  loginOutcome,
  plugin,
  runTemplate,
  tagsFor,
  target,
  withAdmin,
} from './support';
import { statementCounts } from '../../../support/statement-count';

const CANARY = 'x';

const statementCount = statementCounts(mysqlBuiltinTemplates);

beforeAll(async () => {
  await withAdmin(async (c) => {
    await c.query('DROP USER IF EXISTS ?@?', [CANARY, '%']);
    await c.query('CREATE USER ?@? ACCOUNT LOCK', [CANARY, '%']);
    // The marker role exists once any creation ran: make it part of every snapshot.
    await c.query('CREATE ROLE IF NOT EXISTS jit_pam_managed');
  });
});

afterAll(async () => {
  await withAdmin((c) => c.query('DROP USER IF EXISTS ?@?', [CANARY, '%']));
  await closeAdmin();
});

type Outcome = 'ok' | 'refused' | 'target';

/**
 * ok: every statement of the template ran (and only those); refused: nothing was sent; target:
 * the server rejected a statement (the literal value), and the run stopped there.
 */
function outcome(result: RunResult, key: string): Outcome {
  if (result.ok) {
    expect(result.steps.map((s) => s.ok)).toEqual(Array<boolean>(statementCount.get(key) ?? -1).fill(true));
    return 'ok';
  }
  if (result.failure?.kind === 'refused') {
    expect(result.steps).toEqual([]);
    return 'refused';
  }
  expect(result.failure?.kind, result.failure?.message).toBe('target');
  expect(result.steps.at(-1)?.ok).toBe(false);
  return 'target';
}

async function expectNothingElseChanged(before: string[]): Promise<void> {
  expect(await accountSnapshot()).toEqual(before);
  expect(await accountFacts(CANARY)).toEqual({ locked: true, marked: false });
}

describe.each(hostileValues.map((h): [string, HostileValue] => [h.name, h]))(
  'hostile %s',
  (_name, hostile) => {
    it('as USERNAME: an account named exactly that, through its whole life, or nothing at all', async () => {
      const before = await accountSnapshot();
      const tags = tagsFor(hostile.value);
      const created = outcome(await runTemplate('mysql.create-user', tags), 'mysql.create-user');
      if (created === 'ok') {
        expect(await accountSnapshot()).toEqual([...before, `${hostile.value}@%`].sort());
        expect(await accountFacts(hostile.value)).toEqual({ locked: false, marked: true });
        expect(
          await plugin.accountExists({ target: target(), login: adminLogin(), username: hostile.value }),
        ).toBe(true);
        expect(await loginOutcome(hostile.value, tags.NEW_PASSWORD ?? '')).toBe('ok');
      } else {
        expect(await accountFacts(hostile.value)).toBeNull();
      }
      const lifecycle: [string, boolean | null][] = [
        ['mysql.disable-user', true],
        ['mysql.enable-user', false],
        ['mysql.change-password', false],
        ['mysql.drop-user', null],
      ];
      for (const [key, locked] of lifecycle) {
        const result = outcome(await runTemplate(key, tags), key);
        if (created === 'ok') {
          expect(result, key).toBe('ok');
          expect((await accountFacts(hostile.value))?.locked ?? null).toBe(locked);
        } else {
          // Refused everywhere alike; or, for a value the server rejects, no account to act on.
          expect(result, key).toBe(created === 'refused' ? 'refused' : 'target');
        }
      }
      await expectNothingElseChanged(before);
    });

    it('as NEW_PASSWORD: the password logs in as it is, or a refusal', async () => {
      const before = await accountSnapshot();
      const name = uniqueName('jitmyhv');
      const created = outcome(
        await runTemplate('mysql.create-user', tagsFor(name, hostile.value)),
        'mysql.create-user',
      );
      expect(created).not.toBe('target');
      if (created === 'ok') expect(await loginOutcome(name, hostile.value)).toBe('ok');
      else expect((await runTemplate('mysql.create-user', tagsFor(name))).ok).toBe(true);
      const changed = outcome(
        await runTemplate('mysql.change-password', tagsFor(name, hostile.value)),
        'mysql.change-password',
      );
      expect(changed).toBe(created);
      if (changed === 'ok') expect(await loginOutcome(name, hostile.value)).toBe('ok');
      expect((await runTemplate('mysql.drop-user', tagsFor(name))).ok).toBe(true);
      await expectNothingElseChanged(before);
    });
  },
);
