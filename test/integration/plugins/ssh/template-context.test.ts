// Template text around a tag, against the lab's real sshd (issues 15 and 8): templates whose text
// would hand a value to a second shell (a quoted command name, `\`, `$`, arithmetic, $SHELL -c,
// script, flock, sg, a pipe into sh…) are refused before anything is sent, and no injected
// command runs; where a value is allowed, the target receives it literally (a file the template
// writes with printf holds exactly the value), for the whole hostile corpus.

import { randomUUID } from 'node:crypto';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sshBuiltinTemplates } from '../../../../electron/plugins/ssh';
import { hasControlCharacter, isPrintableAscii } from '../../../../electron/plugins/ssh/template/tag-values';
import { hostileValues } from '../../../support/hostile-values';
import { firstPrompt, q, rootClient, sshClose, sshLab, sshRun, why } from './support';

/** An exec line with the shell text as written (the template's own \ and " escaped). */
const exec = (shell: string): string => `exec "${shell.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

/** Runs `work` on every item, at most `limit` at a time (the runs mostly wait on the server). */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

describe('SSH plugin: template text around a tag, on a real sshd', () => {
  const lab = sshLab();
  const canary = `/tmp/jitpam-context-${randomUUID()}`;
  const dir = `/tmp/jitpam-literal-${randomUUID()}`;
  let root: Client;

  const run = (template: string, tags: Record<string, string>) =>
    lab.plugin.run({ template, tags, target: lab.target, login: lab.rootLogin });
  const canaryExists = async () =>
    (await sshRun(root, `test -e ${q(canary)} && echo PWNED || echo clean`)).trim() === 'PWNED';

  beforeAll(async () => {
    root = await rootClient(lab);
    await sshRun(root, `mkdir -m 700 ${q(dir)}`);
  });
  afterAll(async () => {
    await sshRun(root, `rm -rf ${q(dir)} ${q(`${dir}.run-me`)} ${q(canary)}`);
    await sshClose(root);
  });

  // Each of these ran the value as a command before (issue 15, issue 8 item 7).
  const reopening: readonly (readonly [string, string])[] = [
    ["'sh' -c [#ADD_INFO#]", `touch ${canary}`],
    ['"su" root -c [#ADD_INFO#]', `touch ${canary}`],
    ['\\sh -c [#ADD_INFO#]', `touch ${canary}`],
    ['command sh -c [#ADD_INFO#]', `touch ${canary}`],
    ['env sh -c [#ADD_INFO#]', `touch ${canary}`],
    ['/bin/sh -c [#ADD_INFO#]', `touch ${canary}`],
    ['runuser root -c [#ADD_INFO#]', `touch ${canary}`],
    ['$SHELL -c [#ADD_INFO#]', `touch ${canary}`],
    ['script -qc [#ADD_INFO#] /dev/null', `touch ${canary}`],
    ['flock /tmp -c [#ADD_INFO#]', `touch ${canary}`],
    ['sg root -c [#ADD_INFO#]', `touch ${canary}`],
    ['echo [#ADD_INFO#] | sh', `touch ${canary}`],
    ['eval "$(echo [#ADD_INFO#])"', `touch ${canary}`],
    ['let x=[#ADD_INFO#]', `a[$(touch ${canary})]`],
    ['[[ [#ADD_INFO#] -eq 1 ]]', `a[$(touch ${canary})]`],
    ['declare -i n=[#ADD_INFO#]', `a[$(touch ${canary})]`],
    ['a=(); [ -v [#ADD_INFO#] ]', `a[$(touch ${canary})]`],
    ['echo \\[#ADD_INFO#]', `';touch ${canary};'`],
    ['echo $[#ADD_INFO#] x', `\\';touch ${canary};#`],
  ];

  it.each(reopening)('refuses %s before connecting, and nothing runs', async (shell, value) => {
    const result = await run(`${firstPrompt}${exec(shell)}\nexpect "*#"\n`, { ADD_INFO: value });
    expect(result.failure?.kind, why(result)).toBe('refused');
    expect(result.steps).toEqual([]);
    expect(result.failure?.message).toMatch(/^Line 4, column \d+: \[#ADD_INFO#\] cannot be used here/);
    expect(lab.plugin.check(exec(shell))).not.toEqual([]);
  });

  it('refuses a carriage return inside an exec line: bash would run the value after it as a command', async () => {
    // One word is enough to run a program: a script of our own that leaves the canary (beside the
    // corpus test's folder, never in it: that test counts every file there).
    const script = `${dir}.run-me`;
    await sshRun(
      root,
      `printf '#!/bin/sh\\ntouch %s\\n' ${q(canary)} > ${q(script)} && chmod 755 ${q(script)}`,
    );
    // The check reads the tag as inside a comment; the terminal reads \r as Enter.
    const result = await run(`${firstPrompt}exec "echo a # \r[#ADD_INFO#]"\nexpect "*#"\n`, {
      ADD_INFO: script,
    });
    expect(result.failure?.kind, why(result)).toBe('refused');
    expect(result.steps).toEqual([]);
    expect(await canaryExists()).toBe(false);
  });

  it(
    'every value of the corpus is refused before anything is sent, or reaches the target literally',
    { timeout: 900_000 },
    async () => {
      // The allowed forms (T is the tag): a word of its own, after a plain prefix, after an empty
      // quote; and inside the template's own single or double quotes, alone or with text around.
      const forms = ['T', 'x=T', '""T', "'T'", '"T"', "'a T b'", '"a T b"'];
      const received = (form: string, value: string) =>
        form
          .replace(/^""/, '')
          .replace(/['"]/g, '')
          .replace('T', () => value);
      const corpus = [
        ...hostileValues.map((h) => h.value),
        `$(touch ${canary})`,
        `\`touch ${canary}\``,
        `x';touch ${canary};'`,
        `x\\';touch ${canary};#`,
        `a[$(touch ${canary})]`,
        '-rf',
        // The lab's root shell is an interactive bash: ! would expand from its history.
        '!!',
        'a!b',
        '!-1',
        `x"!"$(touch ${canary})"`,
        `'!'\\!"`,
      ];
      // Quoting carries any printable ASCII; a leading - would be an option; a line holds 4000 bytes.
      const quotable = (v: string) =>
        v !== '' && isPrintableAscii(v) && !hasControlCharacter(v) && !v.startsWith('-') && v.length < 1000;

      // The others are refused by the plugin itself: shown against a closed port (no server needed).
      for (const value of corpus.filter((v) => !quotable(v))) {
        const template = forms
          .map((form) => exec(`printf %s ${form.replace('T', '[#ADD_INFO#]')}`))
          .join('\n');
        const result = await lab.plugin.run({
          template,
          tags: { ADD_INFO: value },
          target: { host: '127.0.0.1', port: 1 },
          login: lab.rootLogin,
        });
        expect(result.failure?.kind, JSON.stringify(value).slice(0, 60)).toBe('refused');
        expect(result.steps).toEqual([]);
      }

      // The quotable ones run, four values a run (one a tag without a form), each in every form.
      const tagNames = ['ADD_INFO', 'NEW_PASSWORD', 'CURRENT_PASSWORD', 'AUTH_PASSWORD'] as const;
      const sent = corpus.filter(quotable);
      const batches: { index: number; values: string[] }[] = [];
      for (let i = 0; i < sent.length; i += tagNames.length)
        batches.push({ index: batches.length, values: sent.slice(i, i + tagNames.length) });
      await eachLimited(batches, 2, async ({ index, values }) => {
        const tags = Object.fromEntries(values.map((value, k) => [tagNames[k] ?? '', value]));
        const lines = values.flatMap((_value, k) =>
          forms.map(
            (form, f) =>
              `${exec(`printf %s ${form.replace('T', `[#${tagNames[k] ?? ''}#]`)} > ${dir}/${index}.${k}.${f}`)}\nexpect "*#"`,
          ),
        );
        // A loaded machine starts root's shell slowly: wait long for the first prompt.
        const result = await run(
          `set-read-timeout 120\nexpect "*#"\nset-read-timeout 30\n${lines.join('\n')}\n`,
          tags,
        );
        expect(result.ok, `batch ${index}: ${why(result)}`).toBe(true);
      });

      // What the target received, read back by root (base64: every byte survives).
      const listing = await sshRun(
        root,
        `cd ${q(dir)} && for f in *; do [ -e "$f" ] || continue; printf '%s ' "$f"; base64 -w0 "$f"; echo; done`,
      );
      const files = new Map(
        listing
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => {
            const [name = '', data = ''] = line.split(' ');
            return [name, Buffer.from(data, 'base64').toString('utf8')] as const;
          }),
      );
      for (const { index, values } of batches)
        values.forEach((value, k) =>
          forms.forEach((form, f) =>
            expect(files.get(`${index}.${k}.${f}`), JSON.stringify(value).slice(0, 60)).toBe(
              received(form, value),
            ),
          ),
        );
      expect(files.size).toBe(sent.length * forms.length);
    },
  );

  it('no injected command ran (after every run above)', { timeout: 300_000 }, async () => {
    expect(await canaryExists()).toBe(false);
  });

  it('the built-in templates pass the check the editor and the run use', () => {
    for (const template of sshBuiltinTemplates)
      expect(lab.plugin.check(template.content), template.key).toEqual([]);
  });
});
