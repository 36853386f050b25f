import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { parseTemplate } from '../../../../electron/plugins/ssh/template/parser';
import { placeTags } from '../../../../electron/plugins/ssh/template/shell-context';
import { shellQuote } from '../../../../electron/plugins/ssh/template/shell-quote';
import { substitute } from '../../../../electron/plugins/ssh/template/substitute';
import { splitTags } from '../../../../electron/plugins/ssh/template/tag-segments';
import {
  isPrintableAscii,
  hasControlCharacter,
  strictValuePatterns,
} from '../../../../electron/plugins/ssh/template/tag-values';
import { hostileValues } from '../../../support/hostile-values';

describe('shell quoting', () => {
  // Every value the plugin would quote (printable ASCII without control characters) comes out of
  // a real POSIX shell exactly as it went in.
  const quotable = hostileValues.filter((h) => isPrintableAscii(h.value) && !hasControlCharacter(h.value));

  it.each(quotable.map((h) => [h.name, h.value] as const))(
    '%s survives /bin/sh literally',
    (_name, value) => {
      expect(execFileSync('/bin/sh', ['-c', `printf %s ${shellQuote(value)}`], { encoding: 'utf8' })).toBe(
        value,
      );
    },
  );
});

describe('strict value patterns', () => {
  it('let through no shell metacharacter, blank or leading dash', () => {
    const samples = [...hostileValues.map((h) => h.value), '-ou0', '--help', 'a b', 'a\u00a0b'];
    for (const [tag, pattern] of Object.entries(strictValuePatterns)) {
      for (const value of samples.filter((v) => pattern.test(v))) {
        expect(value, `${tag} accepted ${JSON.stringify(value)}`).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_.:@+-]*$/);
      }
    }
  });
});

describe('tag placement in a command line', () => {
  const placements = (text: string) =>
    placeTags(splitTags(text)).map(({ context, wordStart, refusedForAll, refusedQuoted }) => ({
      context,
      wordStart,
      all: refusedForAll !== null,
      quoted: refusedQuoted !== null,
    }));

  it('tells quoted from unquoted, word starts, and where quoting or any value cannot hold', () => {
    expect(
      placements(`a [#X#] b=[#X#] "[#X#]" '[#X#]' $([#X#]) \`[#X#]\` \${V:-[#X#]} $(( [#X#] ))`),
    ).toEqual([
      { context: 'unquoted', wordStart: true, all: false, quoted: false },
      { context: 'unquoted', wordStart: false, all: false, quoted: false },
      // Inside the template's own quotes a value is escaped for them (substitute.ts).
      { context: 'double-quotes', wordStart: true, all: false, quoted: false },
      { context: 'single-quotes', wordStart: true, all: false, quoted: false },
      // $([#X#]): the value names the command, which may start a shell: nothing after is followed.
      { context: 'unquoted', wordStart: true, all: false, quoted: true },
      { context: 'backticks', wordStart: true, all: true, quoted: true },
      { context: 'expansion', wordStart: true, all: true, quoted: false },
      { context: 'arithmetic', wordStart: true, all: true, quoted: false },
    ]);
    expect(placements('sudo /bin/sh -c x [#X#]; id [#X#] | eval [#X#]')).toEqual([
      { context: 'unquoted', wordStart: true, all: false, quoted: true },
      { context: 'unquoted', wordStart: true, all: false, quoted: false },
      // eval reads its words again in this shell, arithmetic too: no value at all.
      { context: 'unquoted', wordStart: true, all: true, quoted: true },
    ]);
    expect(placements('echo \\"[#X#]\\" "a\\"[#X#]" ""[#X#]')).toEqual([
      // After an escaped character: not a plain one, so a quoted value is refused.
      { context: 'unquoted', wordStart: false, all: false, quoted: true },
      { context: 'double-quotes', wordStart: false, all: false, quoted: false },
      { context: 'unquoted', wordStart: true, all: false, quoted: false },
    ]);
  });
});

describe('values the check lets through reach a real bash literally', () => {
  // Each template is allowed by the check; every quotable hostile value (and a few that would
  // run a command if the quoting broke) must come out of bash exactly as it went in.
  const templates = [
    'printf %s [#ADD_INFO#]',
    'printf %s x=[#ADD_INFO#]',
    'printf %s ""[#ADD_INFO#]',
    'printf %s \'\'[#ADD_INFO#]""',
    'printf %s --opt=[#ADD_INFO#]',
    'printf %s "$(printf %s [#ADD_INFO#])"',
    'for i in 1; do printf %s [#ADD_INFO#]; done',
    'true; printf %s a.[#ADD_INFO#] | cat',
  ];
  const values = [
    ...hostileValues.map((h) => h.value),
    'x\\',
    "x'",
    '\\',
    "'$(id)'",
    '$((1+1))',
    '!!',
    '~root',
  ].filter(
    (v) =>
      isPrintableAscii(v) && !hasControlCharacter(v) && !v.startsWith('-') && v !== '' && v.length < 1000,
  );

  it.each(templates)('%s', (shell) => {
    const line = `exec "${shell.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
    expect(checkSshTemplate(line)).toEqual([]);
    const parsed = parseTemplate(line);
    // One bash for all values: each command line, then a NUL to separate the outputs.
    const script = values
      .map((value) => {
        const result = substitute(parsed.commands, { ADD_INFO: value });
        if (!result.ok) throw new Error(`refused ${JSON.stringify(value)}: ${result.refusal.message}`);
        const [step] = result.steps;
        if (step?.kind !== 'exec') throw new Error('not an exec step');
        return `${step.send}printf '\\0'\n`;
      })
      .join('');
    const outputs = execFileSync('/bin/bash', ['-c', script], { encoding: 'utf8' }).split('\0');
    const prefix = /(x=|--opt=|a\.)\[#/.exec(shell)?.[1] ?? '';
    expect(outputs.slice(0, -1)).toEqual(values.map((value) => prefix + value));
  });
});

describe("values inside the template's own quotes reach a real bash literally", () => {
  // The value is escaped for the quotes around it ('\'' inside '…'; \ $ ` escaped and " ! put in
  // single quotes inside "…"); an interactive bash (history expansion on) must read it the same.
  const templates: [string, (value: string) => string][] = [
    ["printf %s '[#ADD_INFO#]'", (v) => v],
    ['printf %s "[#ADD_INFO#]"', (v) => v],
    ["printf %s 'a [#ADD_INFO#] b'", (v) => `a ${v} b`],
    ['printf %s "a [#ADD_INFO#] b"', (v) => `a ${v} b`],
    ['printf %s x\'[#ADD_INFO#]\'"[#ADD_INFO#]"', (v) => `x${v}${v}`],
  ];
  const values = [
    ...hostileValues.map((h) => h.value),
    'x\\',
    "x'",
    'x"',
    '\\',
    "'$(id)'",
    '"$(id)"',
    '`id`',
    '$((1+1))',
    '!!',
    'a!b',
    '!-1',
    '\\!',
    '"!"',
    "'!'",
    '~root',
  ].filter(
    (v) =>
      isPrintableAscii(v) && !hasControlCharacter(v) && !v.startsWith('-') && v !== '' && v.length < 1000,
  );

  /** The exec lines for every value, each followed by a NUL so that the outputs can be told apart. */
  function script(shell: string): string {
    const line = `exec "${shell.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
    expect(checkSshTemplate(line)).toEqual([]);
    const parsed = parseTemplate(line);
    return values
      .map((value) => {
        const result = substitute(parsed.commands, { ADD_INFO: value });
        if (!result.ok) throw new Error(`refused ${JSON.stringify(value)}: ${result.refusal.message}`);
        const [step] = result.steps;
        if (step?.kind !== 'exec') throw new Error('not an exec step');
        return `${step.send}printf '\\0'\n`;
      })
      .join('');
  }

  it.each(templates)('%s', (shell, expected) => {
    const input = script(shell);
    const plain = execFileSync('/bin/bash', ['-c', input], { encoding: 'utf8' }).split('\0');
    expect(plain.slice(0, -1)).toEqual(values.map(expected));
    // Interactive: readline's history expansion reads each line first (a failed one drops it).
    const interactive = execFileSync('/bin/bash', ['--norc', '--noprofile', '-i'], {
      input: `echo -n\n${input}`,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HISTFILE: '/dev/null', PS1: '' },
      stdio: ['pipe', 'pipe', 'ignore'],
    }).split('\0');
    expect(interactive.slice(0, -1)).toEqual(values.map(expected));
  });

  it('refuses a ! whose escaping history expansion would not follow (quotes inside $(…) in "…")', () => {
    const parsed = parseTemplate(`exec "printf %s \\"$(printf %s '[#ADD_INFO#]')\\""`);
    const result = substitute(parsed.commands, { ADD_INFO: 'a!b' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.refusal.message).toContain('expand from its history');
    expect(substitute(parsed.commands, { ADD_INFO: 'a b' }).ok).toBe(true);
    // Bash versions read a \" before the tag differently: refused too.
    const escaped = parseTemplate('exec "printf %s \\"a \\\\\\"[#ADD_INFO#]\\\\\\" b\\""');
    expect(substitute(escaped.commands, { ADD_INFO: '!!' }).ok).toBe(false);
    expect(substitute(escaped.commands, { ADD_INFO: '$(id) "x"' }).ok).toBe(true);
  });
});
