/**
 * Second attack review of the shell reader (2026-12-03, after 178fa61): template lines the check
 * accepted (checkSshTemplate returned no problem) where a tag's value, substituted as the plugin
 * does, made a real bash run a command. Each test passes now that the check refuses the line,
 * except the last two tables, which are out of the check's reach (MATCHING.md, "What the check
 * cannot see"): `it.fails`, so that one starting to pass is seen. The harness is in
 * support/bash-harness.ts.
 */
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import {
  acceptedAndRuns,
  exec,
  lines,
  subscript,
  runsCommand,
  interactiveRunsCommand,
  terminalRunsCommand,
} from './support/bash-harness';

/** Leaves `subscript` in $_ (the value is quoted and only printed: the check accepts it). */
const leaveInUnderscore = 'printf %s [#ADD_INFO#] >/dev/null';
const viaUnderscore = { ADD_INFO: subscript, USERNAME: '_' };

type Case = readonly [string, string, Record<string, string>];

const cases: readonly Case[] = [
  // An array subscript in an assignment may hold blanks: bash reads `a[ 0 ]=1` as ONE assignment
  // word (parse.y reads a matched [...] after a name where an assignment may come), the reader
  // splits it at the blanks and takes `a[` for the command's name. So sh is not seen...
  ['blanks in a subscript hide sh -c', exec('a[ 0 ]=1 sh -c [#ADD_INFO#]'), { ADD_INFO: 'touch PWNED' }],
  // ...nor an assignment after it (PS4 is run by xtrace)...
  [
    'blanks in a subscript hide an assignment',
    exec('a[ 0 ]=1 PS4=[#ADD_INFO#]; set -x; true'),
    { ADD_INFO: '$(touch PWNED)' },
  ],
  // ...nor the subscript itself, which bash evaluates as arithmetic.
  ['a quoted value in a subscript with blanks', exec('a[ [#ADD_INFO#] ]=1'), { ADD_INFO: subscript }],
  [
    'a user name in a subscript with blanks',
    exec(`${leaveInUnderscore}; a[ [#USERNAME#] ]=1`),
    viaUnderscore,
  ],
  // The same with an operator in the subscript (found by fuzzing): the reader ends the word at ).
  ['a user name before ) in a subscript', exec(`${leaveInUnderscore}; a[[#USERNAME#])]=1`), viaUnderscore],
  // `for NAME in …` assigns NAME, as NAME=… does: PS4, OPTIND (arithmetic)…
  [
    'for PS4 in a value',
    exec('for PS4 in [#ADD_INFO#]; do set -x; true; done'),
    { ADD_INFO: '$(touch PWNED)' },
  ],
  [
    'for OPTIND in a user name',
    exec(`${leaveInUnderscore}; for OPTIND in [#USERNAME#]; do :; done`),
    viaUnderscore,
  ],
  // Values with a form are allowed in assignments, but some variables evaluate what they are
  // assigned as arithmetic: OPTIND, RANDOM, SRANDOM, HISTCMD (and MAILCHECK interactively), and
  // any variable with the integer attribute (declare -i), also through printf -v.
  ['OPTIND=user name', exec(`${leaveInUnderscore}; OPTIND=[#USERNAME#]`), viaUnderscore],
  ['RANDOM=user name', exec(`${leaveInUnderscore}; RANDOM=[#USERNAME#]`), viaUnderscore],
  ['declare -i, then n=user name', exec(`declare -i n; ${leaveInUnderscore}; n=[#USERNAME#]`), viaUnderscore],
  [
    'declare -i, then printf -v n',
    exec(`declare -i n; ${leaveInUnderscore}; printf -v n %s [#USERNAME#]`),
    viaUnderscore,
  ],
  // Commands that define a function or a hashed name without eval/alias/hash/trap/bind by name:
  // the reading is not lost, and p is judged as a plain command.
  [
    'a function sourced from a here-string',
    exec(`. /dev/stdin <<< 'p() { sh -c "$1"; }'; p [#ADD_INFO#]`),
    { ADD_INFO: 'touch PWNED' },
  ],
  [
    'a function sourced from a process substitution',
    exec(`source <(echo 'p() { sh -c "$1"; }'); p [#ADD_INFO#]`),
    { ADD_INFO: 'touch PWNED' },
  ],
  [
    'a function defined by fc -s from history',
    exec(`history -s 'p() { sh -c "$1"; }'; fc -s; p [#ADD_INFO#]`),
    { ADD_INFO: 'touch PWNED' },
  ],
  [
    "eval named $'eval'",
    exec(`true; $'eval' 'p() { sh -c "$1"; }'; p [#ADD_INFO#]`),
    { ADD_INFO: 'touch PWNED' },
  ],
  [
    'eval named by a command substitution',
    exec(`true; "$(echo eval)" 'p() { sh -c "$1"; }'; p [#ADD_INFO#]`),
    { ADD_INFO: 'touch PWNED' },
  ],
  ["hash named $'hash'", exec(`true; $'hash' -p /bin/sh p; p -c [#ADD_INFO#]`), { ADD_INFO: 'touch PWNED' }],
  [
    "BASH_CMDS through a nameref to $'BASH_CMDS'",
    exec(`declare -n x=$'BASH_CMDS'; x[p]=/bin/sh; p -c [#ADD_INFO#]`),
    { ADD_INFO: 'touch PWNED' },
  ],
  // A history entry the template adds is run again by fc -s (history -s is not a reader).
  ['history -s then fc -s', lines('history -s [#ADD_INFO#]', 'fc -s'), { ADD_INFO: 'touch PWNED' }],
  // A `\` ending an exec line is removed with the line end before bash tokenises: `$(\` + `(` is
  // `$((`, `(\` + `(` is `((`, `$\` + `{` is `${`, `$\` + `'` is `$'`, `$\` + `[` is `$[`. The reader
  // looks at the characters as sent, so it reads a group, a literal $, or plain quotes.
  [
    '$( then ( on the next line is $((',
    lines(`${leaveInUnderscore}; echo $(\\`, '( [#USERNAME#] ))'),
    viaUnderscore,
  ],
  ['( then ( on the next line is ((', lines(`${leaveInUnderscore}; (\\`, '( [#USERNAME#] ))'), viaUnderscore],
  [
    '$ then [ on the next line is $[',
    lines(`${leaveInUnderscore}; echo $\\`, '[ [#USERNAME#] ]'),
    viaUnderscore,
  ],
  [
    '"$ then { on the next line is "${',
    lines('echo "$\\', `{a:-'}" [#ADD_INFO#] '}"`),
    { ADD_INFO: '$(touch PWNED)' },
  ],
  [
    "$ then ' on the next line is $'",
    lines('echo $\\', `'\\'' [#ADD_INFO#] #'`),
    { ADD_INFO: '$(touch PWNED)' },
  ],
  // `>&-` and `<&-` close a descriptor and take no word: the reader takes the next word for the
  // redirection's target (sh), and eats a `|` or `||` right after the `-` as part of the operator.
  ['2>&- before sh -c', exec('2>&- sh -c [#ADD_INFO#]'), { ADD_INFO: 'touch PWNED' }],
  ['>&- before an assignment', exec('>&- PS4=[#ADD_INFO#]; set -x; true'), { ADD_INFO: '$(touch PWNED)' }],
  ['2>&-|sh', exec('printf %s [#ADD_INFO#] 2>&-|sh'), { ADD_INFO: 'touch PWNED' }],
  ['<&-||sh -c', exec('false <&-||sh -c [#ADD_INFO#]'), { ADD_INFO: 'touch PWNED' }],
  // The operator's characters are eaten after any redirection: `>-` (a file named -) and `>&-&`
  // (close, then background) too.
  ['false >-||sh -c', exec('false >-||sh -c [#ADD_INFO#]'), { ADD_INFO: 'touch PWNED' }],
  ['true >&-&sh -c', exec('true >&-&sh -c [#ADD_INFO#]; wait'), { ADD_INFO: 'touch PWNED' }],
  // Programs on every Debian system that run the command in their arguments, not in the lists of
  // command-rules.ts (also systemd-cat, which needs a journal to run here).
  ['logsave (e2fsprogs)', exec('logsave /dev/null sh -c [#ADD_INFO#]'), { ADD_INFO: 'touch PWNED' }],
  ['capsh (libcap2-bin) runs bash', exec('capsh -- -c [#ADD_INFO#]'), { ADD_INFO: 'touch PWNED' }],
  [
    'the dynamic loader',
    exec('/lib64/ld-linux-x86-64.so.2 /bin/sh -c [#ADD_INFO#]'),
    { ADD_INFO: 'touch PWNED' },
  ],
  // `<\` + `<EOF` is a here-document: its body (where $(…) runs, quotes or not) is read as commands.
  [
    '< then <EOF on the next line is a here-document',
    lines('cat <\\', '<EOF', 'note [#ADD_INFO#]', 'EOF'),
    { ADD_INFO: '$(touch PWNED)' },
  ],
  // In "…", `$\` + `(` is $(: the reader keeps the value in "…", bash runs it in $(…).
  [
    '"$ then ( on the next line is "$(',
    lines('echo "$\\', '(echo [#ADD_INFO#])"'),
    { ADD_INFO: 'x;touch PWNED' },
  ],
  // `exec > >(…)` loses the reading; `command exec > >(…)` redirects the shell the same way, but the
  // reader looks for exec as the first word only: later output, a value's too, is read by sh. (The
  // last line closes the pipe and waits for sh.)
  [
    'command exec > >(sh)',
    lines('command exec > >(sh)', "printf '%s\\n' [#ADD_INFO#]", 'exec >/dev/null; wait $!'),
    { ADD_INFO: 'touch PWNED' },
  ],
  // In POSIX mode (set -o posix, POSIXLY_CORRECT, or bash run as sh: the login shell of an account
  // whose shell is /bin/sh where that is bash) ' does not pair inside "${a:-…}": the ${…} ends at
  // the first }, and the reader, which pairs it, is one quote out of step after it.
  [
    'set -o posix: quotes in "${a:-…}"',
    lines('set -o posix', `echo "\${a:-'}" '}" [#ADD_INFO#] #'`),
    { ADD_INFO: '$(touch PWNED)' },
  ],
  // With set -k every NAME=value word of a command is an assignment, not only those before it.
  [
    'set -k: PS4=… as an argument',
    exec('set -k; set -x; true PS4=[#ADD_INFO#]'),
    { ADD_INFO: '$(touch PWNED)' },
  ],
  // Input redirected into a group or a compound reaches the sh inside it, as a pipe would
  // (`echo [#X#] | (sh)` is refused): a here-string or a process substitution on ), } or done.
  ['(sh) <<< value', exec('(sh) <<< [#ADD_INFO#]'), { ADD_INFO: 'touch PWNED' }],
  ['{ sh; } <<< value', exec('{ sh; } <<< [#ADD_INFO#]'), { ADD_INFO: 'touch PWNED' }],
  ['if … sh; fi <<< value', exec('if true; then sh; fi <<< [#ADD_INFO#]'), { ADD_INFO: 'touch PWNED' }],
  [
    'while … sh; done < <(printf …)',
    exec(`while :; do sh; break; done < <(printf '%s\\n' [#ADD_INFO#])`),
    { ADD_INFO: 'touch PWNED' },
  ],
  // SQL shells run their argument or input as their own commands, which reach a shell (sqlite3's
  // .shell; psql and mysql have \!): not in the interpreters of command-rules.ts.
  [
    'sqlite3 with a value as its SQL',
    exec('sqlite3 :memory: [#ADD_INFO#]'),
    { ADD_INFO: '.shell touch PWNED' },
  ],
  [
    'a value piped into sqlite3',
    exec(`printf '%s\\n' [#ADD_INFO#] | sqlite3`),
    { ADD_INFO: '.shell touch PWNED' },
  ],
  // $[ … ] counts nested [ … ] (parse_matched_pair): the reader ends it at the first ].
  [
    'a nested [ ] in $[ … ]',
    exec(`${leaveInUnderscore}; echo $[ 0 ? b[ 0 ] : [#USERNAME#] ]`),
    viaUnderscore,
  ],
];

describe('attack review 2026-12-03 (second): lines the check accepts where a value runs a command', () => {
  it.each(cases)('%s', (_name, template, values) => {
    expect(acceptedAndRuns(template, values)).toBe(false);
  });
});

const interactiveCases: readonly Case[] = [
  // PROMPT_COMMAND assigned by for, run before the next prompt.
  [
    'for PROMPT_COMMAND in a value',
    exec('for PROMPT_COMMAND in [#ADD_INFO#]; do :; done'),
    { ADD_INFO: 'touch PWNED' },
  ],
  // exec with an input redirection gives the shell itself a new input: it reads the value as its
  // next commands (the reader loses the reading for exec > >(…) only).
  ['exec <<< value', exec('exec <<< [#ADD_INFO#]'), { ADD_INFO: 'touch PWNED' }],
  ['exec < <(printf …)', exec(`exec < <(printf '%s\\n' [#ADD_INFO#])`), { ADD_INFO: 'touch PWNED' }],
  // History expansion of the template's own text: !$ is the last word of the line before, with
  // the value in it, re-read where the reader saw no tag (sh -c), or cut out of its quotes (:e).
  ['sh -c !$', lines('printf %s [#ADD_INFO#]', 'sh -c !$'), { ADD_INFO: 'touch PWNED' }],
  [
    "!$:e cuts the value's opening quote",
    lines('printf %s [#ADD_INFO#]', "echo !$:e #'"),
    { ADD_INFO: 'x.$(touch PWNED)' },
  ],
  // The same with a quick substitution (^old^new) or :s of the line before: the value is re-run
  // under sh -c, or loses its opening quote (the reader sees a ' opening a quote to the end).
  ['^printf %s^sh -c', lines('printf %s [#ADD_INFO#]', '^printf %s^sh -c'), { ADD_INFO: 'touch PWNED' }],
  ["!!:s/'//", lines("printf %s [#ADD_INFO#] #'", "!!:s/'//"), { ADD_INFO: '$(touch PWNED)' }],
  // Without interactive_comments a # starts no comment: the reader's comment is command text.
  [
    'shopt -u interactive_comments',
    lines('shopt -u interactive_comments', "echo ok # it's [#ADD_INFO#] 'done"),
    { ADD_INFO: '$(touch PWNED)' },
  ],
  // BASH_ALIASES through a nameref whose text does not spell it.
  [
    "BASH_ALIASES through a nameref to $'BASH_ALIASES'",
    lines(`declare -n x=$'BASH_ALIASES'; x[p]='sh -c'`, 'p [#ADD_INFO#]'),
    { ADD_INFO: 'touch PWNED' },
  ],
];

describe('attack review 2026-12-03 (second): an interactive shell', () => {
  it.each(interactiveCases)('%s', (_name, template, values) => {
    expect(acceptedAndRuns(template, values, interactiveRunsCommand)).toBe(false);
  });
});

describe('attack review 2026-12-03 (second): a terminal', () => {
  it('stty werase "\'": readline erases a word at each quote the plugin types', () => {
    // readline takes the terminal's special characters as key bindings: each ' of the quoted value
    // deletes the word before it, and the value is left unquoted on the line.
    const template = lines(`stty werase "'"`, 'printf %s [#ADD_INFO#]');
    expect(acceptedAndRuns(template, { ADD_INFO: ';touch PWNED; x' }, terminalRunsCommand)).toBe(false);
  });

  it('the harness sees nothing run without the stty line', () => {
    expect(terminalRunsCommand(exec('printf %s [#ADD_INFO#]'), { ADD_INFO: ';touch PWNED; x' })).toBe(false);
    expect(terminalRunsCommand(exec('touch PWNED'), {})).toBe(true);
  });
});

// A value the check lets a command store (a file, the positional parameters) is later run by a
// command that has no tag: the reader follows tags, not data (MATCHING.md, "What the check cannot
// see"). A for loop's list is refused since (its variable is assigned). The plainest forms.
// PS4 and PROMPT_COMMAND read from a file are refused since the fourth review: a template that
// names such a variable anywhere is not followed (shell-context.ts, hookNames).
const dataFlow: readonly Case[] = [
  ['a file sourced', exec('printf %s [#ADD_INFO#] > f; . ./f'), { ADD_INFO: 'touch PWNED' }],
  ['set -- then sh -c "… $1"', exec('set -- [#ADD_INFO#]; sh -c "echo $1"'), { ADD_INFO: 'x;touch PWNED' }],
  [
    'PS4 read from a file',
    exec('printf %s [#ADD_INFO#] > f; read -r PS4 < f; set -x; true'),
    { ADD_INFO: '$(touch PWNED)' },
  ],
  [
    'for x then sh -c "… $x"',
    exec('for x in [#ADD_INFO#]; do sh -c "echo $x"; done'),
    { ADD_INFO: 'x;touch PWNED' },
  ],
];

describe('attack review 2026-12-03 (second): values stored, then run by a command without a tag', () => {
  it.fails.each(dataFlow.slice(0, 2))('%s', (_name, template, values) => {
    expect(acceptedAndRuns(template, values)).toBe(false);
  });

  it.each(dataFlow.slice(2))('%s', (_name, template, values) => {
    expect(acceptedAndRuns(template, values)).toBe(false);
  });

  it('PROMPT_COMMAND read from a file (interactive)', () => {
    const template = exec('printf %s [#ADD_INFO#] > f; mapfile -t PROMPT_COMMAND < f');
    expect(acceptedAndRuns(template, { ADD_INFO: 'touch PWNED' }, interactiveRunsCommand)).toBe(false);
  });
});

// A line that is exactly one tag is typed as it is, as a prompt's answer, whenever the shell has
// finished reading (one-tag-line.test.ts), with no expect asked for: when the program asks
// nothing (here passwd refuses an unknown user at once), the shell reads the password as a
// command. Of the vendor templates only F5_BIGIP_WEB has such a line without an expect before it,
// so the check leaves the expect to the template's author (MATCHING.md); a warning is to come.
describe('attack review 2026-12-03 (second): a prompt answer with no prompt', () => {
  it.fails('passwd for an unknown user, then the new password', () => {
    const template = lines('passwd [#USERNAME#]', '[#NEW_PASSWORD#]', '[#NEW_PASSWORD#]');
    const values = { USERNAME: 'no_such_user_1203b', NEW_PASSWORD: '$(touch PWNED)' };
    expect(acceptedAndRuns(template, values)).toBe(false);
  });
});

describe('attack review 2026-12-03 (second): the harness itself', () => {
  it('sees a value run, and a quoted value not run', () => {
    expect(runsCommand(exec('touch PWNED; printf %s [#ADD_INFO#]'), { ADD_INFO: 'x' })).toBe(true);
    const plain = exec('printf %s [#ADD_INFO#]');
    expect(checkSshTemplate(plain)).toEqual([]);
    expect(runsCommand(plain, { ADD_INFO: '$(touch PWNED)' })).toBe(false);
    expect(interactiveRunsCommand(plain, { ADD_INFO: '$(touch PWNED)' })).toBe(false);
  });
});
