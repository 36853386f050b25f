/**
 * Which variables' assignments the check treats as arithmetic. Bash evaluates what is assigned to
 * OPTIND, RANDOM, SRANDOM, HISTCMD, MAILCHECK and SECONDS (through for and declare), so a user
 * name `_` there evaluates `$_`, and a subscript left in `$_` runs a command. The other integer-valued variables (TMOUT, COLUMNS,
 * LINES…) take a plain number and evaluate nothing: a value is fine there, as in any other
 * assignment. Each case is checked against a real bash (support/bash-harness.ts).
 */
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import { exec, interactiveRunsCommand, subscript, terminalRunsCommand } from './support/bash-harness';

/** Leaves `subscript` in $_ (the value is quoted and only printed: the check accepts it). */
const leaveInUnderscore = 'printf %s [#ADD_INFO#] >/dev/null';
const viaUnderscore = { ADD_INFO: subscript, USERNAME: '_' };
const assigning = (name: string): string => exec(`${leaveInUnderscore}; ${name}=[#USERNAME#]`);

describe('assignments bash evaluates as arithmetic', () => {
  it.each(['OPTIND', 'RANDOM', 'SRANDOM', 'HISTCMD', 'MAILCHECK', 'SECONDS'])('%s= is refused', (name) => {
    // attack-reader-1203b.test.ts shows bash running the subscript's command for OPTIND and RANDOM.
    const problems = checkSshTemplate(assigning(name));
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/evaluates as arithmetic/)]);
  });
});

describe('integer-valued variables that take a plain number', () => {
  it.each(['TMOUT', 'COLUMNS', 'LINES', 'HISTSIZE', 'LINENO', 'OPTERR'])(
    '%s= is accepted, and bash runs nothing',
    (name) => {
      const template = assigning(name);
      expect(checkSshTemplate(template)).toEqual([]);
      expect(interactiveRunsCommand(template, viaUnderscore)).toBe(false);
      expect(terminalRunsCommand(template, viaUnderscore)).toBe(false);
    },
  );
});
