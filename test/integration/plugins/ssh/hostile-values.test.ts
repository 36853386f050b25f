// The hostile corpus (test/support/hostile-values.ts, plus values that would leave a trace if a
// shell ran them) as USERNAME, NEW_PASSWORD and the other tags, through every built-in template,
// against the lab's real sshd. For each value the run is either refused before anything is sent,
// or the target saw the literal value: the password logs in as typed, the account has exactly
// that name, the comment holds exactly that text, or the target refused the value itself (useradd:
// invalid user name). Afterwards no account appeared and no injected command ran.

import { randomUUID } from 'node:crypto';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../../shared/plugins/plugin-runtime';
import { randomPassword } from '../../../lab/secrets';
import { hostileValues, type HostileValue } from '../../../support/hostile-values';
import {
  accountNames,
  q,
  createAccounts,
  jitName,
  removeAccounts,
  rootClient,
  runTemplate,
  sessionTags,
  sshClose,
  sshLab,
  sshRun,
  tryLogin,
  why,
} from './support';

/** Accounts other integration files may be creating meanwhile: not ours to judge. */
const othersAccounts = /^(?:labtest|jitssh)\d{8}$/;

interface Case {
  readonly template: string;
  readonly tag: string;
  /** The account the run works on must exist first (a password change). */
  readonly existingAccount?: boolean;
}

const cases: readonly Case[] = [
  { template: 'ssh-linux-jit-create', tag: 'USERNAME' },
  { template: 'ssh-linux-jit-create', tag: 'NEW_PASSWORD' },
  { template: 'ssh-linux-jit-create', tag: 'SESSION_ID' },
  { template: 'ssh-linux-jit-create', tag: 'EXPIRATION_DATE' },
  { template: 'ssh-linux-jit-delete', tag: 'USERNAME' },
  { template: 'ssh-linux-enable', tag: 'USERNAME' },
  // The date is refused unless it is one (it has one format): no account needed to prove that.
  { template: 'ssh-linux-enable', tag: 'EXPIRATION_DATE' },
  { template: 'ssh-linux-disable', tag: 'USERNAME' },
  { template: 'ssh-linux-password-change', tag: 'USERNAME' },
  { template: 'ssh-linux-password-change', tag: 'NEW_PASSWORD', existingAccount: true },
];

/** Runs `work` on every item, at most `limit` at a time (the runs mostly wait on the server). */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  const workers = Array.from({ length: limit }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  });
  await Promise.all(workers);
}

describe('SSH plugin: hostile tag values through every built-in template', () => {
  const lab = sshLab();
  const canary = `/tmp/jitpam-pwned-${randomUUID()}`;
  // Each would create the canary file if any shell ran it.
  const injections: readonly HostileValue[] = [
    { name: 'canary-subst', value: `$(touch ${canary})`, reason: 'command substitution' },
    { name: 'canary-backticks', value: `\`touch ${canary}\``, reason: 'old-style substitution' },
    { name: 'canary-semicolon', value: `x;touch ${canary}`, reason: 'a second command' },
    { name: 'canary-single-quote', value: `x' ; touch ${canary} ; '`, reason: "breaks out of '…'" },
    { name: 'canary-double-quote', value: `x" ; touch ${canary} ; "`, reason: 'breaks out of "…"' },
    { name: 'canary-newline', value: `x\ntouch ${canary}`, reason: 'Enter, then a command' },
    { name: 'canary-cr', value: `x\rtouch ${canary}\r`, reason: 'Enter as CR' },
    { name: 'canary-pipe', value: `x|touch ${canary}`, reason: 'a pipeline' },
    { name: 'canary-and', value: `x&&touch ${canary}`, reason: 'a conditional command' },
    { name: 'option', value: '-ou0', reason: 'useradd -o -u 0: a second root' },
    { name: 'option-long', value: '--help', reason: 'an option instead of a name' },
    { name: 'extra-words', value: 'x -o -u 0 y', reason: 'extra arguments' },
  ];
  const corpus = [...hostileValues, ...injections];
  let root: Client;
  let before: Set<string>;

  beforeAll(async () => {
    root = await rootClient(lab);
    before = await accountNames(root);
  });

  afterAll(async () => {
    await sshClose(root);
  });

  /** What the target shows for a run that was not refused: the value arrived as it is. */
  async function checkLiteral(c: Case, value: string, user: string, result: RunResult): Promise<void> {
    if (c.tag === 'USERNAME' && c.template === 'ssh-linux-jit-create') {
      // Debian's useradd accepts most names (o'brien, a;b): then the account has exactly that name.
      const names = (await sshRun(root, `getent passwd -- ${q(user)} | cut -d: -f1`)).trim();
      expect(names, `${JSON.stringify(value)}: ${why(result)}`).toBe(
        result.ok ? value : names === '' ? '' : value,
      );
      return;
    }
    if (!result.ok) return; // The target refused the literal value (usermod: user does not exist…).
    if (c.tag === 'NEW_PASSWORD') {
      expect(await tryLogin(lab, user, { password: value }), 'the password logs in as typed').toBe('ok');
    } else if (c.tag === 'SESSION_ID') {
      expect((await sshRun(root, `getent passwd -- ${q(user)} | cut -d: -f5`)).trim()).toBe(
        `managed by jit-pam ${value}`,
      );
    } else if (c.tag === 'EXPIRATION_DATE') {
      expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  }

  it.each(cases.map((c) => [`${c.template} with a hostile ${c.tag}`, c] as const))(
    '%s',
    { timeout: 240_000 },
    async (_name, c) => {
      const runs = corpus.map(({ name, value }) => ({
        name,
        value,
        user: c.tag === 'USERNAME' ? value : jitName(),
      }));
      // Set-up and clean-up in one root command each: every root command pays for root's shell start.
      const fresh = runs.filter((run) => run.user !== run.value).map((run) => run.user);
      const cleanup = [...fresh];
      if (c.existingAccount) await createAccounts(root, fresh, randomPassword());
      const outcomes: string[] = [];
      try {
        await eachLimited(runs, 4, async ({ name, value, user }) => {
          const result = await runTemplate(lab, c.template, sessionTags(user, { [c.tag]: value }));
          const kind = result.ok ? 'ok' : (result.failure?.kind ?? 'none');
          outcomes.push(`${name}: ${kind}`);
          if (kind === 'refused') {
            expect(result.steps, `${name}: refused before anything was sent`).toEqual([]);
            return;
          }
          // A literal account name useradd accepted is a real account now: cleaned up with the rest.
          if (user === value) cleanup.push(value);
          expect(['ok', 'target'], `${name}: ${why(result)}`).toContain(kind);
          await checkLiteral(c, value, user, result);
        });
      } finally {
        await removeAccounts(root, cleanup);
      }
      expect(outcomes).toHaveLength(corpus.length);

      expect(
        (await sshRun(root, `test -e ${canary} && echo PWNED || echo clean`)).trim(),
        'no injected command ran',
      ).toBe('clean');
      const after = await accountNames(root);
      const appeared = [...after].filter((name) => !before.has(name) && !othersAccounts.test(name));
      expect(appeared, 'no account appeared').toEqual([]);
    },
  );
});
