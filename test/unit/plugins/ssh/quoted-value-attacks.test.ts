/**
 * A hostile value against the template's own quotes and the commands around them: each value the
 * plugin lets through must reach a real bash literally, or be refused. Found in review:
 * - a value that starts a shell line (it continues the template's "…" or '…' on the next exec
 *   line) and starts with ^: an interactive bash's history expansion reads `^old^new^` as a
 *   quick substitution of the previous command;
 * - commands that run the command in their arguments (jobs -x, setarch, prlimit, setpriv…) were
 *   not known as such: a value quoted for the outer shell went on to `sh -c`, which ran it.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../../../electron/plugins/ssh/template/parser';
import { substitute } from '../../../../electron/plugins/ssh/template/substitute';

/** The lines the plugin would type, or null when it refuses the value. */
function typed(template: string, value: string): string | null {
  const result = substitute(parseTemplate(template).commands, { ADD_INFO: value });
  if (!result.ok) return null;
  return result.steps.map((step) => ('send' in step ? step.send : '')).join('');
}

/** What an interactive bash prints for `input` (history expansion on, a first command in history). */
function interactiveBash(input: string): string {
  return execFileSync('/bin/bash', ['--norc', '--noprofile', '-i'], {
    input: `echo first >/dev/null\n${input}`,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HISTFILE: '/dev/null', PS1: '', PS2: '' },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
}

describe('a value at the start of a continued line (history quick substitution)', () => {
  const templates: [string, (value: string) => string][] = [
    ['exec "printf %s \\"start"\nexec "[#ADD_INFO#] end\\""', (v) => `start\n${v} end`],
    ['exec "printf %s \'start"\nexec "[#ADD_INFO#] end\'"', (v) => `start\n${v} end`],
  ];
  const values = ['^fi^XX^', '^first^', '^', 'a^b^c', 'plain'];

  it.each(templates)('%s', (template, expected) => {
    for (const value of values) {
      const input = typed(template, value);
      // Refused, or received literally.
      if (input !== null) expect(interactiveBash(input), JSON.stringify(value)).toBe(expected(value));
    }
    // Not refused wholesale: a ^ elsewhere in the value is fine.
    expect(typed(template, 'a^b^c')).not.toBeNull();
    expect(typed(template, '^fi^XX^')).toBeNull();
  });
});

describe('commands that run the command in their arguments', () => {
  const injected = '$(echo INJECTED)';
  const templates = [
    'exec "jobs -x sh -c \\"printf %s [#ADD_INFO#]\\""',
    'exec "setarch x86_64 sh -c \\"printf %s [#ADD_INFO#]\\""',
    'exec "prlimit sh -c \'printf %s [#ADD_INFO#]\'"',
    'exec "setpriv sh -c \'printf %s [#ADD_INFO#]\'"',
    'exec "linux64 sh -c [#ADD_INFO#]"',
    'exec "ssh-agent sh -c \\"printf %s [#ADD_INFO#]\\""',
  ];

  it.each(templates)('%s', (template) => {
    const input = typed(template, injected);
    if (input !== null) {
      const output = execFileSync('/bin/bash', ['-c', input], { encoding: 'utf8' });
      expect(output).not.toContain('INJECTED\n');
      expect(output).toBe(injected);
    }
    expect(input).toBeNull();
  });
});
