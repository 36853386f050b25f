// Keys inside an SSH template's exec line, against the lab's real sshd (attack review): a terminal
// and bash's line editor act on control characters rather than type them (Ctrl-U erases the line,
// Esc # comments it out and ends it, Ctrl-Z suspends, DEL erases…), so the shell read other text
// than the check did, and a value the check saw in a comment ran as a command. Each is refused
// before anything is sent now, and the canary a run would leave is never made.

import { randomUUID } from 'node:crypto';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstPrompt, q, rootClient, sshClose, sshLab, sshRun, why } from './support';

describe('SSH plugin: terminal keys inside an exec line, on a real sshd', () => {
  const lab = sshLab();
  const base = `/tmp/jitpam-keys-${randomUUID()}`;
  let root: Client;

  beforeAll(async () => {
    root = await rootClient(lab);
  });
  afterAll(async () => {
    await sshRun(root, `rm -f ${q(base)}.*`);
    await sshClose(root);
  });

  // Each of these made the canary on the lab's bash before the parser refused them.
  const keys: readonly (readonly [string, string])[] = [
    ['Ctrl-U (erase the line)', 'echo a # \u0015[#ADD_INFO#]'],
    ['Ctrl-W (erase a word)', 'echo a #\u0017\u0017\u0017[#ADD_INFO#]'],
    ['Ctrl-O (run the line)', 'echo a # \u000f[#ADD_INFO#]'],
    ['Esc # (comment out and run the line)', 'echo a # \u001b#[#ADD_INFO#]'],
    ['Ctrl-A (to the start of the line)', '# x\u0001[#ADD_INFO#];'],
    ['DEL', 'echo a; #\u007f\u007f[#ADD_INFO#]'],
    ['Backspace', 'echo a; #\u0008\u0008[#ADD_INFO#]'],
    [
      'Ctrl-D (delete a character)',
      'echo a #\u0001\u0004\u0004\u0004\u0004\u0004\u0004\u0004\u0004[#ADD_INFO#]',
    ],
    ['Ctrl-Z (suspend: the line is dropped)', 'echo a # \u001a[#ADD_INFO#]'],
  ];

  it.each(keys)('refuses %s before connecting, and the value does not run', async (label, shell) => {
    const name = label.replace(/[^A-Za-z]+/g, '-');
    const script = `${base}.${name}.sh`;
    const canary = `${base}.${name}.canary`;
    // One word is enough to run a program: a script of our own that leaves the canary.
    await sshRun(
      root,
      `printf '#!/bin/sh\\ntouch %s\\n' ${q(canary)} > ${q(script)} && chmod 755 ${q(script)}`,
    );
    const template = `${firstPrompt}exec "${shell}"\nexpect "*#"\n`;
    const result = await lab.plugin.run({
      template,
      tags: { ADD_INFO: script },
      target: lab.target,
      login: lab.rootLogin,
    });
    expect((await sshRun(root, `test -e ${q(canary)} && echo PWNED || echo clean`)).trim()).toBe('clean');
    expect(result.failure?.kind, why(result)).toBe('refused');
    expect(result.steps).toEqual([]);
    // The editor's check says so at save, on the line and column of the key.
    expect(lab.plugin.check(template)).toEqual([
      expect.objectContaining({
        line: 4,
        message: expect.stringContaining('is a key to the terminal') as string,
      }),
    ]);
  });
});
