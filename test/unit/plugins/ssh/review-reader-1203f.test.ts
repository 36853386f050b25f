/**
 * Sixth review (2026-12-03, after 035b36a on main): the shells that read the next lines
 * (startsOtherShell, readingShells), values after `$` or `\` in an unquoted here-document body,
 * the readers of piped input (awk, sed, find, flock) and the one-tag lines' probe budget. Each
 * case was a template the check accepted (checkSshTemplate returned no problem) where a value,
 * typed as the plugin types it, made a real bash run a command; each is refused now. The shells'
 * cases are refused twice over: at the line that starts the shell (every later value), and at the
 * quotes a POSIX shell pairs otherwise (otherShells). The `it.fails` left are out of the check's
 * reach. The last tables hold attacks that held. The harness is support/bash-harness.ts.
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSshTemplate } from '../../../../electron/plugins/ssh/template/check';
import {
  acceptedAndRuns,
  type BashRun,
  bypass,
  exec,
  interactiveRunsCommand,
  lines,
  runsCommand,
  terminalRunsCommand,
} from './support/bash-harness';

type Case = readonly [string, string, Record<string, string>];

/**
 * Read by bash normally, the value is a plain word; in POSIX mode (dash, or bash as sh) `'` does
 * not pair inside "${…}", so the value is unquoted (review-reader-1203d.test.ts explains it).
 */
const posixTrick = `echo "\${x-'}"'}" [#ADD_INFO#] #'`;
const posixValue = { ADD_INFO: ';touch PWNED;' };

/** `start` starts a shell that reads the next lines; the trick is one of them, then it exits. */
const shellReads = (name: string, start: string, ...before: string[]): Case => [
  name,
  lines(...before, start, posixTrick, 'exit'),
  posixValue,
];

/** `start` puts this bash itself in POSIX mode (the exit ends the session, as the plugin's does). */
const bashReads = (name: string, start: string): Case => [name, lines(start, posixTrick, 'exit'), posixValue];

const asRoot = process.getuid?.() === 0;
/** Whether `program` is on PATH: the reader cases need the program itself. */
const onPath = (program: string): boolean =>
  (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, program)));

// startsOtherShell is asked only when `readsTerminal` (top level, first stage of its pipeline)
// and no `<` stands in the command; a shell in a group, a substitution or a later pipeline stage,
// or given the terminal through a redirection, still reads the next typed lines.
const whereTheTerminalReaches: readonly Case[] = [
  shellReads('(sh)', '(sh)'),
  shellReads('echo $(sh)', 'echo $(sh)'),
  shellReads(': `sh`', ': `sh`'),
  shellReads('cat | sh (cat reads the terminal, sh runs it)', 'cat | sh'),
  shellReads('sh </dev/tty', 'sh </dev/tty'),
  shellReads('sh <&2', 'sh <&2'),
  // A program reads the next typed line and hands it to a shell.
  shellReads('head -n1 | sh', 'head -n1 | sh'),
  shellReads('sh -c "$(head -n1)"', 'sh -c "$(head -n1)"'),
  shellReads('read -r l; sh -c "$l"', 'read -r l; sh -c "$l"'),
];

// A first word that is not an option is taken for a script that runs and returns; with -s it is
// a positional parameter, and /dev/tty or /dev/stdin is the terminal. After -c it is the command
// string, which may start a shell itself. -o takes its name also before other letters (-ox).
const shellOperands: readonly Case[] = [
  shellReads('sh -s x', 'sh -s x'),
  shellReads('sh -s -- x', 'sh -s -- x'),
  shellReads('bash -o posix -s x', 'bash -o posix -s x'),
  shellReads('sh /dev/tty', 'sh /dev/tty'),
  shellReads('sh /dev/stdin', 'sh /dev/stdin'),
  shellReads('bash -c sh', 'bash -c sh'),
  shellReads("sh -c 'exec sh'", "sh -c 'exec sh'"),
  shellReads('bash -ox posix', 'bash -ox posix'),
  shellReads('bash -oi posix', 'bash -oi posix'),
  // bash started with the name sh reads in POSIX mode.
  shellReads('exec -a sh bash', 'exec -a sh bash'),
  shellReads('exec -a sh bash -i', 'exec -a sh bash -i'),
  // hookNames looks at the template's text, quotes and all; env and bash see POSIXLY_CORRECT.
  shellReads("env POSIX''LY_CORRECT=1 bash", "env POSIX''LY_CORRECT=1 bash"),
  shellReads('env POSIXLY_CORREC\\T=1 bash', 'env POSIXLY_CORREC\\T=1 bash'),
  // bash takes set -o names from SHELLOPTS in its environment (readonly only once it runs).
  shellReads('env SHELLOPTS=posix bash -i', 'env SHELLOPTS=posix bash -i'),
  shellReads("bash -c 'exec -a sh bash'", "bash -c 'exec -a sh bash'"),
];

// POSIXLY_CORRECT set in this bash by a builtin other than export, its name quoted in the text.
const posixInThisShell: readonly Case[] = [
  bashReads("declare POSIX''LY_CORRECT=1", "declare POSIX''LY_CORRECT=1"),
  bashReads("typeset POSIX''LY_CORRECT=1", "typeset POSIX''LY_CORRECT=1"),
  bashReads("readonly POSIX''LY_CORRECT=1", "readonly POSIX''LY_CORRECT=1"),
  bashReads("printf -v POSIX''LY_CORRECT 1", "printf -v POSIX''LY_CORRECT 1"),
  bashReads("read POSIX''LY_CORRECT <<< 1", "read POSIX''LY_CORRECT <<< 1"),
];

// Programs that start a shell (their argument, $SHELL, or the one they run) are judged for their
// own values only: the shell they start reads the next lines unseen.
const programsStartingAShell: readonly Case[] = [
  shellReads('SHELL=/bin/sh script -q /dev/null', 'SHELL=/bin/sh script -q /dev/null'),
  shellReads('env SHELL=/bin/sh script -q /dev/null', 'env SHELL=/bin/sh script -q /dev/null'),
  shellReads('env -S sh', 'env -S sh'),
  shellReads('flock f sh', 'flock /tmp/review-reader-1203f.lock sh'),
  shellReads("find … -exec sh ';'", "find . -maxdepth 0 -exec sh ';'"),
  shellReads('taskset 1 sh', 'taskset 1 sh'),
  shellReads('xargs -a /dev/null -o sh', 'xargs -a /dev/null -o sh'),
];

// A value with a form where a runner runs its command: a user name `sh` starts that shell (found by
// the shell settings' survivors review, 3 December: runnersCommand, and a tag at a command string's
// command place). The trick line is refused by the quote rule already; what these hold is the
// plain value after the start (shellStart), which a user name `fish` would read otherwise: fish
// pairs `\'` inside '…' as an escaped quote (fish is not installed here to run it).
const userNamedSh = { ...posixValue, USERNAME: 'sh' };
const taggedShell: readonly Case[] = [
  [
    'flock f [#USERNAME#]',
    lines('flock /tmp/review-reader-1203f.lock [#USERNAME#]', posixTrick, 'exit'),
    userNamedSh,
  ],
  [
    "find … -exec [#USERNAME#] ';'",
    lines("find . -maxdepth 0 -exec [#USERNAME#] ';'", posixTrick, 'exit'),
    userNamedSh,
  ],
  [
    'xargs -a /dev/null -o [#USERNAME#]',
    lines('xargs -a /dev/null -o [#USERNAME#]', posixTrick, 'exit'),
    userNamedSh,
  ],
  ['bash -c [#USERNAME#]', lines('bash -c [#USERNAME#]', posixTrick, 'exit'), userNamedSh],
  // Found by the attack on that fix: option groups, a wrapper in the command place, a keyword.
  [
    'flock -nw 5 f [#USERNAME#]',
    lines('flock -nw 5 /tmp/review-reader-1203f.lock [#USERNAME#]', posixTrick, 'exit'),
    userNamedSh,
  ],
  [
    "find … -exec env [#USERNAME#] ';'",
    lines("find . -maxdepth 0 -exec env [#USERNAME#] ';'", posixTrick, 'exit'),
    userNamedSh,
  ],
  [
    "bash -c 'if true; then [#USERNAME#]; fi'",
    lines("bash -c 'if true; then [#USERNAME#]; fi'", posixTrick, 'exit'),
    userNamedSh,
  ],
];
const taggedShellAsRoot: readonly Case[] = [
  ['su -c [#USERNAME#]', lines('su -c [#USERNAME#]', posixTrick, 'exit'), userNamedSh],
  ['chroot / [#USERNAME#]', lines('chroot / [#USERNAME#]', posixTrick, 'exit'), userNamedSh],
];

const loader = '/lib64/ld-linux-x86-64.so.2';
const throughTheLoader: readonly Case[] = [shellReads('ld.so /bin/sh', `${loader} /bin/sh`)];

// These start a shell for another user or in other namespaces: run as root here (the plugin's
// sudo form and root credentials are root too).
const rootStartsAShell: readonly Case[] = [
  shellReads('su -s /bin/sh', 'su -s /bin/sh'),
  shellReads('su --shell=/bin/sh', 'su --shell=/bin/sh'),
  shellReads('su -c sh', 'su -c sh'),
  shellReads('runuser -u root sh', 'runuser -u root sh'),
  shellReads('SHELL=/bin/sh sudo -s', 'SHELL=/bin/sh sudo -s'),
  shellReads('unshare sh', 'unshare sh'),
  shellReads('nsenter -t 1 sh', 'nsenter -t 1 sh'),
];

// A command whose name is not plain text and has no argument is let through by whyReadingIsLost
// ("alone, eval, alias or hash define nothing"), and consoleOpenedBy looks only at the line's
// first word after assignments: behind a keyword, `;`, `&&` or a wrapper, $c (c=sh) is unseen.
const unnamedShell: readonly Case[] = [
  '{ $c; }',
  'true && $c',
  ': ; $c',
  'time $c',
  '! $c',
  '( $c )',
  'if $c; then :; fi',
  'command $c',
  'exec $c',
].map((start) => shellReads(`${start} (c=sh)`, start, 'c=sh'));

/** A value printed on a line of its own, piped into `reader`. */
const piped = (reader: string): string => lines(`printf '%s\\n' [#ADD_INFO#] | ${reader}`);
/** A value in a quoted here-document body fed to `reader` (alone on its line it could end it). */
const fed = (reader: string): string => lines(`${reader} <<'EOF'`, '[#ADD_INFO#] #', 'EOF');
const awkProgram = { ADD_INFO: 'BEGIN{system("touch PWNED")}' };
const perlProgram = { ADD_INFO: 'system("touch PWNED")' };
const vimCommand = { ADD_INFO: '!touch PWNED' };
const runTouch = { ADD_INFO: 'touch PWNED' };

/** A reader case and the program it needs. */
type ReaderCase = readonly [string, string, Record<string, string>, string];

// awk reads its input as code where its program comes from a file: the check knows -f and --file
// only. gawk also calls system through an indirect call, its name built from strings.
const awkReaders: readonly ReaderCase[] = [
  ['| gawk -E /dev/stdin', piped('gawk -E /dev/stdin'), awkProgram, 'gawk'],
  ['| gawk --exec=/dev/stdin', piped('gawk --exec=/dev/stdin'), awkProgram, 'gawk'],
  ["| gawk -i /dev/stdin 'BEGIN{}'", piped("gawk -i /dev/stdin 'BEGIN{}'"), awkProgram, 'gawk'],
  ["| gawk --include=/dev/stdin 'BEGIN{}'", piped("gawk --include=/dev/stdin 'BEGIN{}'"), awkProgram, 'gawk'],
  [`| gawk '@include "/dev/stdin"'`, piped(`gawk '@include "/dev/stdin"'`), awkProgram, 'gawk'],
  ['gawk -E /dev/stdin <<EOF', fed('gawk -E /dev/stdin'), awkProgram, 'gawk'],
  ['| mawk -W exec /dev/stdin', piped('mawk -W exec /dev/stdin'), awkProgram, 'mawk'],
  [`| gawk '{f="sys" "tem"; @f($0)}'`, piped(`gawk '{f="sys" "tem"; @f($0)}'`), runTouch, 'gawk'],
];

// Interpreters by a name the lists do not hold: Debian's perl5.36-x86_64-linux-gnu (the
// versioned pattern takes perl5.36 only), vim.basic and the editor and vimdiff alternatives.
const perl = 'perl5.36-x86_64-linux-gnu';
const otherNames: readonly ReaderCase[] = [
  [`| ${perl}`, piped(perl), perlProgram, perl],
  [`${perl} -e`, lines(`${perl} -e [#ADD_INFO#]`), perlProgram, perl],
  [`${perl} <<EOF`, fed(perl), perlProgram, perl],
  ['vim.basic -es -c', lines('vim.basic -es -u NONE -c [#ADD_INFO#] -c q'), vimCommand, 'vim.basic'],
  ['| vim.basic -es', piped('vim.basic -es -u NONE'), vimCommand, 'vim.basic'],
  ['| editor -es', piped('editor -es -u NONE'), vimCommand, 'editor'],
  ['| vimdiff -es', piped('vimdiff -es -u NONE'), vimCommand, 'vimdiff'],
];

const installed = (cases: readonly ReaderCase[]): Case[] =>
  cases
    .filter(([, , , program]) => onPath(program))
    .map(([name, template, values]) => [name, template, values]);

// A `write` that is exactly one tag, at a prompt, is taken for an answer and the reading starts
// afresh after it; but the next exec's text completes that answer, read by the program: the quote
// it opens for the check is never open for bash.
const answerCompletion = { NEW_PASSWORD: 'pw', ADD_INFO: ';touch PWNED;#' };
const completedAnswers: readonly Case[] = [
  [
    'write [#NEW_PASSWORD#], then exec " ; echo \'"',
    [
      exec('read -r x'),
      'expect "*"',
      'write "[#NEW_PASSWORD#]"',
      exec(" ; echo '"),
      'expect "*"',
      exec("x [#ADD_INFO#]'"),
    ].join('\n'),
    answerCompletion,
  ],
  [
    'write [#NEW_PASSWORD#], then exec " <<\'EOF\'"',
    [
      exec('read -r x'),
      'expect "*"',
      'write "[#NEW_PASSWORD#]"',
      exec(" <<'EOF'"),
      'expect "*"',
      exec(': [#ADD_INFO#]'),
      exec('EOF'),
    ].join('\n'),
    answerCompletion,
  ],
];

/** As `bypass`, and the line that starts the shell refuses a plain value after it too. */
const shellStart =
  (run: BashRun) =>
  (name: string, template: string, values: Record<string, string>): void => {
    bypass(run)(name, template, values);
    const plain = template.replace(exec(posixTrick), exec('echo [#ADD_INFO#]'));
    expect(plain).not.toBe(template);
    expect(checkSshTemplate(plain), plain).not.toEqual([]);
  };

describe('a shell started to read the next lines, however started', () => {
  it.each(whereTheTerminalReaches)('%s (on a terminal)', shellStart(terminalRunsCommand));
  it.each(shellOperands)('%s (on a terminal)', shellStart(terminalRunsCommand));
  it.each(programsStartingAShell)('%s (on a terminal)', shellStart(terminalRunsCommand));
  it.each(unnamedShell)('%s (on a terminal)', shellStart(terminalRunsCommand));
});

describe('a user name in a runner’s command place starts a shell', () => {
  it.each(taggedShell)('%s (on a terminal)', shellStart(terminalRunsCommand));
});

describe.skipIf(!asRoot)('a user name in a runner’s command place starts a shell, as root', () => {
  it.each(taggedShellAsRoot)('%s (on a terminal)', shellStart(terminalRunsCommand));
});

describe.skipIf(!existsSync(loader))('the dynamic loader starts a shell', () => {
  it.each(throughTheLoader)('%s (on a terminal)', shellStart(terminalRunsCommand));
});

describe.skipIf(!asRoot)('root starts a shell for itself', () => {
  it.each(rootStartsAShell)('%s (on a terminal)', shellStart(terminalRunsCommand));
});

describe('this bash is put in POSIX mode by a quoted name', () => {
  it.each(posixInThisShell)('%s (on a terminal)', shellStart(terminalRunsCommand));
});

const awkInstalled = installed(awkReaders);
const otherInstalled = installed(otherNames);

describe.skipIf(awkInstalled.length === 0)('awk reads its program from its input', () => {
  it.each(awkInstalled)('%s', bypass(runsCommand));
});

describe.skipIf(otherInstalled.length === 0)('an interpreter by a name the lists do not hold', () => {
  it.each(otherInstalled)('%s', bypass(runsCommand));
});

// Out of reach: the check takes a one-tag write at a prompt for a whole answer, but the next exec's
// text completes it for the program that reads it (documented limit: a prompt answer is trusted to
// be read by the program that asked).
describe('text after a one-tag write completes the answer', () => {
  it.fails.each(completedAnswers)('%s (interactive bash)', bypass(interactiveRunsCommand));
});

/** A value a user name's arithmetic would evaluate, and a user name `_` to evaluate it. */
const viaUnderscore = { USERNAME: '_', ADD_INFO: 'a[$(touch PWNED)]' };
const body = (quoted: string, ...text: string[]): string => lines(`cat > out <<${quoted}`, ...text, 'EOF');

const heldBodies: readonly Case[] = [
  ['${[#USERNAME#]} in an unquoted body', body('EOF', '${[#USERNAME#]}'), viaUnderscore],
  ['$(( [#USERNAME#] )) in an unquoted body', body('EOF', '$(( [#USERNAME#] ))'), viaUnderscore],
  ['$[ [#USERNAME#] ] in an unquoted body', body('EOF', '$[ [#USERNAME#] ]'), viaUnderscore],
  ['`[#USERNAME#]` in an unquoted body', body('EOF', '`[#USERNAME#]`'), viaUnderscore],
  ['$[#USERNAME#] in an unquoted body', body('EOF', '$[#USERNAME#]'), viaUnderscore],
  ['${x:- then [#USERNAME#]} on the next line', body('EOF', '${x:-', '[#USERNAME#]}'), viaUnderscore],
  ['ADD_INFO in an unquoted body', body('EOF', ': [#ADD_INFO#]'), { ADD_INFO: '$(touch PWNED)' }],
  [
    'E[#ADD_INFO#] (OF) in a quoted body',
    body("'EOF'", 'E[#ADD_INFO#]', ': [#ADD_INFO#]'),
    { ADD_INFO: 'OF' },
  ],
];

const heldShells: readonly Case[] = [
  shellReads('exec sh', 'exec sh'),
  shellReads('bash -xo posix', 'bash -xo posix'),
  shellReads('bash -io posix', 'bash -io posix'),
  shellReads('{ sh; }', '{ sh; }'),
  shellReads('sh | cat', 'sh | cat'),
  shellReads('true && sh', 'true && sh'),
  shellReads('stdbuf -o0 sh', 'stdbuf -o0 sh'),
  shellReads("$'sh'", "$'sh'"),
  shellReads('/bin/das[h]', '/bin/das[h]'),
  bashReads("export POSIX''LY_CORRECT=1", "export POSIX''LY_CORRECT=1"),
];

// Readers of piped input the check names (a pipe into each refuses the value).
const heldReaders: readonly Case[] = [
  ['| sed -f /dev/stdin', piped('sed -f /dev/stdin'), { ADD_INFO: '1e touch PWNED' }],
  ['| sed s/x/y/ -f /dev/stdin', piped('sed s/x/y/ -f /dev/stdin'), { ADD_INFO: '1e touch PWNED' }],
  ['| sed --expression=e', piped('sed --expression=e'), runTouch],
  ['| xargs -I{} sh -c {}', piped('xargs -I{} sh -c {}'), runTouch],
  ["| find -execdir sh ';'", piped("find . -maxdepth 0 -execdir sh ';'"), runTouch],
  ['| flock -c sh', piped('flock /tmp/review-reader-1203f.lock -c sh'), runTouch],
  ["| perl -ne 'system $_'", piped("perl -ne 'system $_'"), runTouch],
  ["| nawk '{system($0)}'", piped("nawk '{system($0)}'"), runTouch],
  ["| awk -- '{system($0)}'", piped("awk -- '{system($0)}'"), runTouch],
];

/**
 * Spends the one-tag lines' probe budget: 1100 one-tag lines in an open quote, each probe reading
 * all that was sent since the quote opened (about 1.2 million items).
 */
const budgetSpent = [exec("echo '"), ...Array.from({ length: 1100 }, () => exec('[#USERNAME#]')), exec("'")];

describe('held', () => {
  it.each([...heldBodies, ...heldShells, ...heldReaders])('%s', (_name, template, values) => {
    expect(acceptedAndRuns(template, values, runsCommand)).toBe(false);
    expect(acceptedAndRuns(template, values, terminalRunsCommand)).toBe(false);
  });

  it('past the probe budget a one-tag line is read by the shell (refused), and reading goes on', () => {
    expect(checkSshTemplate([...budgetSpent, exec('[#ADD_INFO#]')].join('\n')).length).toBeGreaterThan(0);
    const after = [...budgetSpent, exec('printf %s [#ADD_INFO#]')].join('\n');
    expect(acceptedAndRuns(after, { USERNAME: 'u', ADD_INFO: ';touch PWNED;' }, runsCommand)).toBe(false);
  });
});
