/**
 * Attack review of the shell reader (2026-12-03): template lines the check accepted where a tag's
 * value, substituted as the plugin does, made a real bash run a command (issue 15). Each case now
 * passes: the check refuses the line, or bash runs nothing. The last table holds where the reader
 * now places each tag of the same constructs, so that a change shows even where no bash is run.
 */
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import {
  acceptedAndRuns,
  exec,
  subscript,
  runsCommand,
  interactiveRunsCommand,
} from './support/bash-harness';
import { placements } from './support/reader-placements';

const cases: readonly (readonly [string, string, Record<string, string>])[] = [
  // $'…' inside "${…}" is bash's ANSI-C quote (shopt extquote, on by default): the reader takes
  // its $ as a literal and its quotes as plain single quotes, so it leaves the ${…} one quote out
  // of step and believes the tag is in "…" while bash has it in '…'.
  ['ansi-c quote in "${…}"', `printf %s "\${a:-$'\\''}"'}[#ADD_INFO#]'`, { ADD_INFO: "' ; touch PWNED ; '" }],
  // Quotes pair inside $((…)) for bash's parser: the reader ends the arithmetic at the quoted )
  // and opens a single quote where bash closed one, so the tag is unquoted for bash.
  [
    'quoted ) in $((…))',
    `false && echo $(( ')' )); printf %s [#ADD_INFO#] ''`,
    { ADD_INFO: '$(touch PWNED)' },
  ],
  // for ((…)) after `time -p`, `time -p --` or `coproc` is the arithmetic loop too (a556a11 knows
  // it after keywords only): a user name there is evaluated, and _ evaluates the value left in $_.
  [
    'for ((…)) after time -p',
    'printf %s [#ADD_INFO#] >/dev/null; time -p for (( i=[#USERNAME#]; i<0; i++ )); do :; done',
    { ADD_INFO: subscript, USERNAME: '_' },
  ],
  [
    'for ((…)) after time -p --',
    'printf %s [#ADD_INFO#] >/dev/null; time -p -- for (( i=[#USERNAME#]; i<0; i++ )); do :; done',
    { ADD_INFO: subscript, USERNAME: '_' },
  ],
  [
    'for ((…)) after coproc',
    'printf %s [#ADD_INFO#] >/dev/null; coproc for (( i=[#USERNAME#]; i<0; i++ )); do :; done; wait',
    { ADD_INFO: subscript, USERNAME: '_' },
  ],
  // The arithmetic command ((…)) after `time -p` or `coproc`: read as a ( in the middle of a command,
  // which refuses quoted values only, so a user name lands in arithmetic.
  [
    '((…)) after time -p',
    'printf %s [#ADD_INFO#] >/dev/null; time -p (( i=[#USERNAME#] ))',
    { ADD_INFO: subscript, USERNAME: '_' },
  ],
  [
    '((…)) after coproc',
    'printf %s [#ADD_INFO#] >/dev/null; coproc (( i=[#USERNAME#] )); wait',
    { ADD_INFO: subscript, USERNAME: '_' },
  ],
  // Inside backticks the reader follows no $((…)) or ${…}: a user name in arithmetic or a subscript.
  [
    '$((…)) in backticks',
    'printf %s [#ADD_INFO#] >/dev/null; echo `echo $(( [#USERNAME#] ))`',
    { ADD_INFO: subscript, USERNAME: '_' },
  ],
  [
    '${a[…]} in backticks',
    'printf %s [#ADD_INFO#] >/dev/null; echo `echo ${a[[#USERNAME#]]}`',
    { ADD_INFO: subscript, USERNAME: '_' },
  ],
  // {name}> is a redirection (bash stores the new fd in name): the reader takes {fd} for the
  // command's name, so the real command, sh or eval, is not seen.
  ['{fd}> before sh -c', '{fd}>/dev/null sh -c [#ADD_INFO#]', { ADD_INFO: 'touch PWNED' }],
  ['{fd}>& before eval', '{fd}>&2 eval printf %s [#ADD_INFO#]', { ADD_INFO: 'x;touch PWNED' }],
  // An assignment after a leading redirection is still an assignment (`>f X=v` sets X): the reader
  // looks for assignments from the first word only, so PS4 (run by xtrace), PROMPT_COMMAND… take a
  // quoted value unrefused.
  [
    'assignment after a redirection',
    '>/dev/null PS4=[#ADD_INFO#]; set -x; true',
    { ADD_INFO: '$(touch PWNED)' },
  ],
  // A name the template gave another meaning: the reader judges `p` as plain, bash runs sh -c.
  [
    'a function defined through eval',
    `eval 'p() { sh -c "$1"; }'; p [#ADD_INFO#]`,
    { ADD_INFO: 'touch PWNED' },
  ],
  ['a name hashed to sh', 'hash -p /bin/sh p; p -c [#ADD_INFO#]', { ADD_INFO: 'touch PWNED' }],
  // Found while fixing the above, and the here-document below.
  // What a command substitution prints becomes part of the word around it: a subscript bash
  // evaluates, or PS4, which xtrace expands (running a $(…) in it) before each command.
  [
    'a subscript printed by $(…)',
    'printf %s [#ADD_INFO#] >/dev/null; a[$(echo [#USERNAME#])]=1',
    { ADD_INFO: subscript, USERNAME: '_' },
  ],
  // An assignment after a keyword that leads into a command is one too, made in the shell itself.
  ['PS4 assigned in { … }', '{ PS4=[#ADD_INFO#]; }; set -x; true', { ADD_INFO: '$(touch PWNED)' }],
  [
    'PS4 assigned after then',
    'if :; then PS4=[#ADD_INFO#]; fi; set -x; true',
    { ADD_INFO: '$(touch PWNED)' },
  ],
  ['PS4 assigned after time -p', 'time -p PS4=[#ADD_INFO#]; set -x; true', { ADD_INFO: '$(touch PWNED)' }],
  // A for loop assigns each word of its list to its variable.
  [
    'PS4 as a for loop variable',
    'for PS4 in [#ADD_INFO#]; do set -x; true; done',
    { ADD_INFO: '$(touch PWNED)' },
  ],
  [
    'PS4 assigned what $(…) prints',
    'PS4=$(printf %s [#ADD_INFO#]); set -x; true',
    { ADD_INFO: '$(touch PWNED)' },
  ],
];

describe('attack review 2026-12-03: lines the check accepts where a value runs a command', () => {
  it.each(cases)('%s', (_name, shell, values) => {
    const template = exec(shell);
    expect(acceptedAndRuns(template, values)).toBe(false);
  });

  it("a ' in a here-document, which hid the $((…)) after it from the reader", () => {
    // A here-document's text is not command text: the reader took the tag for one in '…'.
    const template = [
      'printf %s [#ADD_INFO#] >/dev/null; cat <<EOF >/dev/null',
      "'",
      'echo $(( [#USERNAME#] ))',
      'EOF',
    ]
      .map(exec)
      .join('\n');
    expect(acceptedAndRuns(template, { ADD_INFO: subscript, USERNAME: '_' })).toBe(false);
  });
});

const interactiveCases: readonly (readonly [string, string, Record<string, string>])[] = [
  // Set after a leading redirection, PROMPT_COMMAND runs before the next prompt.
  [
    'PROMPT_COMMAND after a redirection',
    exec('>/dev/null PROMPT_COMMAND=[#ADD_INFO#]'),
    { ADD_INFO: 'touch PWNED' },
  ],
  // An interactive shell expands aliases: p is sh -c on the next line.
  ['an alias of sh -c', `${exec("alias p='sh -c'")}\n${exec('p [#ADD_INFO#]')}`, { ADD_INFO: 'touch PWNED' }],
];

describe('attack review 2026-12-03: an interactive shell', () => {
  it.each(interactiveCases)('%s', (_name, template, values) => {
    expect(acceptedAndRuns(template, values, interactiveRunsCommand)).toBe(false);
  });
});

describe('attack review 2026-12-03: the harness itself', () => {
  it('sees a value run, and a quoted value not run', () => {
    // The template's own command counts as much as one a value brought.
    expect(runsCommand(exec('touch PWNED; printf %s [#ADD_INFO#]'), { ADD_INFO: 'x' })).toBe(true);
    const plain = exec('printf %s [#ADD_INFO#]');
    expect(checkSshTemplate(plain)).toEqual([]);
    expect(runsCommand(plain, { ADD_INFO: '$(touch PWNED)' })).toBe(false);
  });
});

// § is a tag; each placement reads context, word start, fresh command, the refusals (reasonName).
const placed: readonly (readonly [string, string])[] = [
  // $'…' inside ${…} is ANSI-C quoting even within "…": the tag after it is in '…'.
  [`printf %s "\${a:-$'\\''}"'}§'`, 'single-quotes all:otherShells'],
  // A quoted ) or ] does not end arithmetic in bash; a POSIX shell does not pair quotes there, so
  // what follows is not followed (otherShells).
  ["echo $(( ')' )) §", 'unquoted start all:otherShells'],
  ["echo $[ ']' ] §", 'unquoted start all:otherShells'],
  ["(( ')' )); echo §", 'unquoted start all:otherShells'],
  ["echo $(( ' § ' ))", 'single-quotes all:otherShells'],
  // Backticks: their text is read again as commands.
  ['echo `echo $(( § ))`', 'backticks start all:arithmetic quoted:backticks'],
  ['echo `echo ${a[§]}`', 'backticks start all:brace quoted:backticks'],
  ['echo `echo \\$§`', 'backticks start all:dollar quoted:backticks'],
  ['echo "`echo \\"§\\"`"', 'backticks start quoted:backticks'],
  ['a[`echo §`]=1', 'backticks start all:subscript quoted:backticks'],
  ['echo `echo §` §', 'backticks start quoted:backticks | unquoted start'],
  // (( after time -p, and anywhere else in a command: arithmetic.
  ['time -p (( § ))', 'arithmetic start all:arithmetic quoted:notPlain'],
  ['time -p -- for (( § ;; )); do :; done', 'arithmetic start all:arithmetic'],
  ['coproc p (( § ))', 'arithmetic start all:coproc quoted:coprocArgs'],
  // {name}> and {a[i]}> are redirections: the command is the next word.
  ['{fd}>/dev/null sh -c §', 'unquoted start quoted:shArgs'],
  ['{a[§]}>/dev/null echo', 'unquoted all:descriptorName quoted:before'],
  ['{a[$(echo §)]}>/dev/null echo', 'unquoted start all:descriptorName'],
  // {a}x is a word (bash runs the command {a}x).
  ['{a}x>/dev/null echo §', 'unquoted start'],
  // Assignments after redirections, and what a substitution in an assignment prints.
  ['>/dev/null X=§', 'unquoted quoted:assignment'],
  ['! X=§', 'unquoted quoted:assignment'],
  ['time -p -- X=§', 'unquoted quoted:assignment'],
  ['echo X=§', 'unquoted'],
  ['for PS4 in §; do :; done', 'unquoted start quoted:loopList'],
  ['for § in a; do :; done', 'unquoted start all:loopName'],
  ['for x in a; do echo §; done', 'unquoted start'],
  ['X=1 echo Y=§', 'unquoted'],
  ['2>/dev/null X=1 >/dev/null Y=§ cmd', 'unquoted quoted:assignment'],
  ['a[$(echo §)]=1', 'unquoted start all:subscript quoted:assignment'],
  ['PS4="x$(printf %s §)"', 'unquoted start quoted:assignment'],
  ['echo $(echo §)', 'unquoted start'],
  // After a command that can give a name another meaning, no value is followed.
  ["eval 'p(){ :; }'; p §", 'unquoted start all:redefines'],
  ['alias p=q; p §', 'unquoted start all:redefines'],
  ['hash -p /bin/sh p; p §', 'unquoted start all:redefines'],
  ['trap : DEBUG; p §', 'unquoted start all:redefines'],
  // An EXIT trap runs at the end only: it redefines nothing.
  ['trap : EXIT; p §', 'unquoted start'],
  ['bind -x x:y; p §', 'unquoted start all:redefines'],
  ['BASH_CMDS[p]=/bin/sh; p §', 'unquoted start all:redefines'],
  ['declare BASH_ALIASES[p]=sh; p §', 'unquoted start all:redefines'],
  // A file the template sources is the system's own: followed as before.
  ['source /etc/profile; p §', 'unquoted start'],
];

describe('attack review 2026-12-03: where the reader now places each tag', () => {
  it.each(placed)('%s', (line, expected) => {
    expect(placements(line)).toBe(expected);
  });
});
