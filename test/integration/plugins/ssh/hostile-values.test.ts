// The hostile corpus (test/support/hostile-values.ts, plus values that would leave a trace if a
// shell ran them, and values pkill would read as root) as USERNAME, NEW_PASSWORD and the other
// tags, through every built-in template, against the lab's real sshd. For each value the run is
// either refused before anything is sent, or the target saw the literal value: the password logs
// in as typed, the account has exactly that name, the comment holds exactly that text, or the
// target turned the value down itself. Afterwards no account appeared and no injected command ran.

import { randomUUID } from 'node:crypto';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../../electron/plugins/plugin-runtime';
import { randomPassword } from '../../../lab/secrets';
import { hostileValues, type HostileValue } from '../../../support/hostile-values';
import { machineLock } from './machine-lock';
import {
  accountNames,
  createAccounts,
  jitName,
  q,
  removeAccounts,
  rootClient,
  runTemplate,
  sessionTags,
  sshClose,
  sshLab,
  sshRun,
  template,
  tryLogin,
  why,
} from './support';

/** Nothing listens on port 1 of loopback. */
const closedPort = { host: '127.0.0.1', port: 1 };

/** A name pkill, usermod and userdel can only read as one user name. */
const plainUserName = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;

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
  // The date is refused unless it is one (it has one form): no account needed to prove that.
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
  const injections: readonly HostileValue[] = [
    // Each would create the canary file if any shell ran it.
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
    // pkill -u reads a comma list of names or uids: each of these would mean root.
    { name: 'uid-zero', value: '0', reason: 'a number is a uid' },
    { name: 'list-with-root', value: 'nobody,root', reason: 'a list naming root' },
    { name: 'trailing-comma', value: 'x,', reason: 'an empty name in a list' },
  ];
  const corpus = [...hostileValues, ...injections];
  let root: Client;
  let before: Set<string>;
  let release: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    // Another run of this file (its names are the corpus's, not per run) goes first.
    release = await machineLock('ssh-hostile-values', 900_000);
    root = await rootClient(lab);
    before = await accountNames(root);
  }, 960_000);

  afterAll(async () => {
    await sshClose(root);
    await release?.();
  });

  /** What the target shows for a run that was not refused: the value arrived as it is. */
  async function checkLiteral(c: Case, value: string, user: string, result: RunResult): Promise<void> {
    if (c.tag === 'USERNAME' && c.template === 'ssh-linux-jit-create') {
      const name = (await sshRun(root, `getent passwd -- ${q(user)} | cut -d: -f1`)).trim();
      // A run that succeeded made exactly this account; one that failed made it or none at all.
      const expected = result.ok ? [value] : [value, ''];
      expect(expected, `${JSON.stringify(value)} made ${JSON.stringify(name)}: ${why(result)}`).toContain(
        name,
      );
      return;
    }
    if (!result.ok) return; // The target turned the literal value down (usermod: no such user…).
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
    { timeout: 300_000 },
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
          const tags = sessionTags(user, { [c.tag]: value });
          // First against a closed port: a refusal comes before any connection, so this is the
          // plugin's decision without touching the server.
          const dry = await lab.plugin.run({
            template: template(c.template),
            tags,
            target: closedPort,
            login: lab.rootLogin,
          });
          if (dry.failure?.kind === 'refused') {
            outcomes.push(`${name}: refused`);
            expect(dry.steps, `${name}: refused before anything was sent`).toEqual([]);
            return;
          }
          // The machine's safety net: a user name pkill could read as a list or a uid (',' and
          // '0' mean root) must never reach the real server, whatever the plugin decided.
          if (c.tag === 'USERNAME') expect(value, `${name} would reach the server`).toMatch(plainUserName);
          const result = await runTemplate(lab, c.template, tags);
          const kind = result.ok ? 'ok' : (result.failure?.kind ?? 'none');
          outcomes.push(`${name}: ${kind}`);
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
