/**
 * Third review of the shell reader (2026-12-03, after 8998f5f): template lines the check accepts
 * (checkSshTemplate returns no problem) where a tag's value, substituted as the plugin does, makes
 * a real bash run a command. Each passes now that the check refuses its line, but one that is out
 * of the check's reach (an it.fails). The harness is support/bash-harness.ts.
 */
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import {
  acceptedAndRuns,
  lines,
  subscript,
  runsCommand,
  interactiveRunsCommand,
  terminalRunsCommand,
} from './support/bash-harness';

/** Escaped for the template's string. */
const quoted = (shell: string): string => `"${shell.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

/** An exec line typing `shell`. */
const exec = (shell: string): string => `exec ${quoted(shell)}`;

/** A write line typing `shell`, with no Enter after it. */
const write = (shell: string): string => `write ${quoted(shell)}`;

/** Leaves `subscript` in $_ (the value is quoted and only printed: the check accepts it). */
const leaveInUnderscore = 'printf %s [#ADD_INFO#] >/dev/null';
const viaUnderscore = { ADD_INFO: subscript, USERNAME: '_' };
const runTouch = { ADD_INFO: 'touch PWNED' };
/** Run by set -x when it is PS4. */
const inPs4 = { ADD_INFO: '$(touch PWNED)' };
/** Defines the function p, which runs its argument (as eval would). */
const definesP = `. /dev/stdin <<< 'p() { sh -c "$1"; }'`;

type Case = readonly [string, string, Record<string, string>];

const cases: readonly Case[] = [
  // whyReadingIsLost is asked only at top level (frame.closer === null, shell-reader.ts): what a
  // command defines in a subshell ends with it, but holds for the rest of that subshell.
  ['hash -p in ( … )', exec('(hash -p /bin/sh p; p -c [#ADD_INFO#])'), runTouch],
  ['hash -p in $( … )', exec('echo $(hash -p /bin/sh p; p -c [#ADD_INFO#])'), runTouch],
  ['hash -p in <( … )', exec('cat <(hash -p /bin/sh p; p -c [#ADD_INFO#])'), runTouch],
  ['eval defines a function in ( … )', exec(`(eval 'p() { sh -c "$1"; }'; p [#ADD_INFO#])`), runTouch],
  ['a function sourced from a here-string in ( … )', exec(`(${definesP}; p [#ADD_INFO#])`), runTouch],
  ['BASH_CMDS in ( … )', exec('(BASH_CMDS[p]=/bin/sh; p -c [#ADD_INFO#])'), runTouch],
  ['declare -i in ( … )', exec(`(declare -i n; ${leaveInUnderscore}; n=[#USERNAME#])`), viaUnderscore],
  // whyReadingIsLost takes the command's name as its first word: `command` and `builtin` hide
  // source and declare (eval and hash are seen, through command-rules.ts).
  ['command . /dev/stdin', exec(`command ${definesP}; p [#ADD_INFO#]`), runTouch],
  [
    'builtin source /dev/stdin',
    exec(`builtin source /dev/stdin <<< 'p() { sh -c "$1"; }'; p [#ADD_INFO#]`),
    runTouch,
  ],
  ['command declare -i', exec(`command declare -i n; ${leaveInUnderscore}; n=[#USERNAME#]`), viaUnderscore],
  // declare's options are looked at only when they are plain text.
  ['declare -$(…)', exec(`declare -$(printf i) n; ${leaveInUnderscore}; n=[#USERNAME#]`), viaUnderscore],
  ['declare -$i', exec(`i=i; declare -$i n; ${leaveInUnderscore}; n=[#USERNAME#]`), viaUnderscore],
  // BASH_CMDS is looked for in the literal text of each word: a name built from a variable hides it.
  [
    'BASH_CMDS through printf -v "${n}…"',
    exec('n=BASH_CM; printf -v "${n}DS[p]" %s /bin/sh; p -c [#ADD_INFO#]'),
    runTouch,
  ],
  [
    'BASH_CMDS through read "${n}…"',
    exec('n=BASH_CM; read -r "${n}DS[p]" <<< /bin/sh; p -c [#ADD_INFO#]'),
    runTouch,
  ],
  [
    'BASH_CMDS through declare "${n}…"',
    exec('n=BASH_CM; declare "${n}DS[p]=/bin/sh"; p -c [#ADD_INFO#]'),
    runTouch,
  ],
  // bash allows line ends between a for loop's name and `in`: the reader ends the command there,
  // so forLoopWords (shell-command.ts) never sees `for NAME in`.
  ['for PS4, a line end, in a value', lines('for PS4', 'in [#ADD_INFO#]; do set -x; true; done'), inPs4],
  [
    'for OPTIND, a line end, in a user name',
    lines(`${leaveInUnderscore}; for OPTIND`, 'in [#USERNAME#]; do :; done'),
    viaUnderscore,
  ],
  // mapfile assigns OPTIND[0], which bash evaluates as arithmetic like OPTIND=; a value with a
  // form is allowed there, as mapfile is only a command that reparses (quoted values refused).
  [
    'mapfile OPTIND from a here-string',
    exec(`${leaveInUnderscore}; mapfile -t OPTIND <<< [#USERNAME#]`),
    viaUnderscore,
  ],
  [
    'mapfile OPTIND from <(…)',
    exec(`${leaveInUnderscore}; mapfile -t OPTIND < <(echo [#USERNAME#])`),
    viaUnderscore,
  ],
];

describe('review 2026-12-03 (third): accepted lines where a value runs a command', () => {
  it.each(cases)('%s', (_name, template, values) => {
    expect(acceptedAndRuns(template, values)).toBe(false);
  });
});

// History expansion asked by the template's own text (textExpandsHistory, history-expansion.ts).
describe('review 2026-12-03 (third): history expansion the check does not see (interactive)', () => {
  it('a ! at the end of a write, then $ on the exec after it (!$ read on one line)', () => {
    // The text is judged line by line: `sh -c !` (a ! before nothing) and `$` each expand nothing.
    const template = [exec('echo [#ADD_INFO#]'), write('sh -c !'), exec('$')].join('\n');
    expect(acceptedAndRuns(template, { ADD_INFO: 'touch PWNED' }, interactiveRunsCommand)).toBe(false);
  });

  it('[! with no ] after it', () => {
    // bash leaves a ! after [ alone only when a ] follows (bash_history_inhibit_expansion): here
    // !$ is the previous line's last word, the quoted value, and sh runs `[x;touch PWNED`.
    const template = lines('echo [#ADD_INFO#]', 'sh -c [!$');
    expect(acceptedAndRuns(template, { ADD_INFO: 'x;touch PWNED' }, interactiveRunsCommand)).toBe(false);
  });

  it('!" outside double quotes', () => {
    // bash leaves !" alone only inside "…" (its closing quote): outside, !"p:2 is the third word
    // of the last line starting with "p, the quoted value.
    const template = lines('"printf" %s [#ADD_INFO#] >/dev/null', 'sh -c !"p:2');
    expect(acceptedAndRuns(template, { ADD_INFO: 'touch PWNED' }, interactiveRunsCommand)).toBe(false);
  });
});

// whyReadingIsLost knows stty by the command's first word only: behind a wrapper (command, env,
// nice…) `stty werase "'"` still turns each quote the plugin types into a word eraser.
describe('review 2026-12-03 (third): stty behind a wrapper (a terminal)', () => {
  it.each(['command', 'env', 'nice'])('%s stty werase "\'"', (wrapper) => {
    const template = lines(`${wrapper} stty werase "'"`, 'printf %s [#ADD_INFO#]');
    expect(acceptedAndRuns(template, { ADD_INFO: ';touch PWNED; x' }, terminalRunsCommand)).toBe(false);
  });
});

// A value stored in the positional parameters, then assigned to PS4 by a for loop with no `in`
// (which loops over "$@"): the data-flow kind MATCHING.md leaves out, but the variable's name
// is in the template, as in `for PS4 in …`, which the check refuses.
describe('review 2026-12-03 (third): for NAME with no in', () => {
  // The value comes before the loop that takes it, as with the stored values of
  // attack-reader-1203b.test.ts; refused since the fourth review because the template names PS4
  // (shell-context.ts, hookNames).
  it('set -- a value, then for PS4; do set -x', () => {
    const template = exec('set -- [#ADD_INFO#]; for PS4; do set -x; true; done');
    expect(acceptedAndRuns(template, inPs4)).toBe(false);
  });
});

describe('review 2026-12-03 (third): the harness itself', () => {
  it('sees a value run, and a quoted value not run', () => {
    expect(runsCommand(exec('touch PWNED; printf %s [#ADD_INFO#]'), { ADD_INFO: 'x' })).toBe(true);
    const plain = exec('printf %s [#ADD_INFO#]');
    expect(checkSshTemplate(plain)).toEqual([]);
    expect(runsCommand(plain, inPs4)).toBe(false);
    expect(interactiveRunsCommand(plain, inPs4)).toBe(false);
  });
});
