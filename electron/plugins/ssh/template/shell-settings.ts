/**
 * Commands after which the shell reader cannot know how bash reads the rest of the input: they
 * give a name another meaning (a function, an alias, a hashed path, a hook, a key binding), change
 * how bash parses (POSIX mode, `set -k`, `shopt`), how the terminal edits what is typed (`stty`),
 * or what history expansion brings back. After one, every value is refused (shell-reader.ts).
 */
import {
  commandNameAt,
  readingShells,
  unknownCommand,
  type CommandClass,
  type CommandWord,
} from './command-rules';
import { pastLeadIns } from './lead-ins';
import { joiners, runnerCommandAt, unparsedRunners } from './runners';

/**
 * Commands that can give a name (or a key) another meaning: `bind -x` runs a command when a
 * value's character is typed, `fc` runs commands again from the history. A file the template
 * sources (`source`, `.`) is the system's own, as the programs on its PATH are (MATCHING.md says
 * what the check cannot see), unless the template writes it there and then.
 */
const redefiners = new Set(['eval', 'bind', 'enable -f', 'fc']);

/**
 * Trap conditions that cannot fire while the template types: the shell's exit. Any other runs its
 * text in this shell during the rest of the input (DEBUG before each command, CHLD after each
 * program, a signal the template sends itself); bash reads the names in any case, SIG or not.
 */
const exitTrap = /^(?:(?:SIG)?EXIT|0)$/i;

/** Builtins that may name a variable through an expansion (`${n}DS[p]` is BASH_CMDS[p]). */
const namers = new Set([
  'declare',
  'typeset',
  'local',
  'export',
  'readonly',
  'read',
  'printf -v',
  'mapfile',
  'readarray',
]);

/** stty settings that give a character an editing meaning (`stty werase "'"`). */
const sttyKeys = new Set([
  'erase',
  'kill',
  'werase',
  'lnext',
  'rprnt',
  'reprint',
  'eof',
  'eol',
  'eol2',
  'intr',
  'quit',
  'susp',
  'start',
  'stop',
  'discard',
  'swtch',
  'dsusp',
  'status',
  'flush',
]);

/**
 * `set -o` names that change how bash reads its input when set (`set -o pipefail` does not;
 * `emacs` is the default line editing), and the one that does when unset (`#` no longer starts a
 * comment).
 */
const parsingModes = new Set(['posix', 'keyword', 'interactive-comments', 'histexpand', 'onecmd', 'vi']);
const parsingWhenUnset = new Set(['interactive-comments']);

/** shopt names that change how bash reads its input (`shopt -s nullglob` does not). */
const parsingShopts =
  /^(?:extquote|interactive_comments|expand_aliases|extglob|lastpipe|compat\d+|histverify|histreedit|xpg_echo|posix)$/;

/**
 * Variables whose assignment bash evaluates as arithmetic, so that `OPTIND='a[$(cmd)]'` runs cmd.
 * Measured with bash 5.2 (`bash -c` and on a terminal; SECONDS only as a for loop's variable or
 * through declare): TMOUT, COLUMNS, LINES, LINENO, HISTSIZE and the other integer-valued ones take
 * a plain number and do not.
 */
const arithmeticNames = 'OPTIND|RANDOM|SRANDOM|HISTCMD|MAILCHECK|SECONDS';

/** An assignment (`NAME=`, `NAME+=`, `NAME[…]=`) to a variable bash evaluates as arithmetic. */
export const arithmeticAssignment = new RegExp(`^(?:${arithmeticNames})(?:\\[|\\+?=)`);

/**
 * Variables whose value bash runs or evaluates: prompts, hooks, arithmetic ones. A template naming
 * PS0, PS4, PROMPT_COMMAND or BASH_ENV is refused as a whole (shell-context.ts's text check), but
 * PS1 to PS3 only there with an expansion on their line, which `for PS1; do` has not: the loop's
 * rule keeps the whole list, so that it holds without the text check.
 */
const hookVariable = new RegExp(`^(?:PS[0-4]|PROMPT_COMMAND|BASH_ENV|ENV|BASH_XTRACEFD|${arithmeticNames})$`);

/** An stty key setting's value that no value can type: a control character (`^H`) or none. */
const controlKey = /^(?:\^.|\^-|undef)$/;

/** Shells whose lines after it this check would read as this bash's: bash, with these options. */
const sameDialect = /^(?:-[il]+|--login|--norc|--noprofile|-|--)$/;

/** Where a sourced file is what the template wrote just before: a here-string, stdin, a pipe. */
const writtenHere = /^(?:\/dev\/stdin|\/dev\/fd\/|\/proc\/[^/]+\/fd\/)/;

export const lostReasons = {
  redefines:
    'comes after a command that can give a name another meaning (eval, alias, hash, a trap, bind, fc, a nameref, BASH_ALIASES, BASH_CMDS, a file sourced from the template itself), which this check does not follow',
  unnamed:
    "comes after a command whose name is not plain text ($…, `…`, $'…'), which could be eval, alias, hash or exec: this check does not follow what it defines or where the shell reads on",
  parsing:
    'comes after a command that changes how bash reads its input (set -o posix, set -k, shopt extglob…, POSIXLY_CORRECT) or how the terminal edits it (stty), which this check does not follow',
} as const;

/**
 * An option group (`-ki`, `+o`, `-p/bin/sh` with its argument attached) whose letters hold one of
 * `letters`.
 */
const option = (word: CommandWord, letters: RegExp): boolean =>
  word.known && letters.test(/^[-+]([A-Za-z]+)/.exec(word.text)?.[1] ?? '');

/**
 * The words after the command's name as the command rules found it (past `command`, `builtin`,
 * `env`, `nice`…): those after the first word naming it, so that the name given again as an
 * argument (`hash -p /bin/sh p hash`) hides nothing.
 */
function argumentsOf(args: readonly CommandWord[], name: string): readonly CommandWord[] {
  const at = nameIndex(args, name);
  return at < 0 ? [] : args.slice(at + 1);
}

/** A path's last part: the program a word names (`/bin/sh` is sh). */
const basename = (text: string): string => text.slice(text.lastIndexOf('/') + 1);

/** The index of the first word naming the command (`name` as the command rules found it), or -1. */
const nameIndex = (args: readonly CommandWord[], name: string): number =>
  args.findIndex((word) => word.known && basename(word.text) === name);

/** A trap that can run its text while the template types (see `exitTrap`). */
function runsDuringInput(rest: readonly CommandWord[]): boolean {
  if (rest.some((w) => !w.known)) return true;
  const [action, ...conditions] = rest.filter((w) => w.text !== '--');
  // `trap`, `trap -p`, `trap -l` list; `trap - SIG` and `trap '' SIG` reset or ignore.
  if (action === undefined || action.text === '-p' || action.text === '-l') return false;
  if (action.text === '-' || action.text === '') return false;
  // `trap SIG…` alone resets them too (a first word that is a condition).
  return conditions.some((w) => !exitTrap.test(w.text));
}

/** stty settings that give a character an editing meaning, or a saved setting (`stty -g`'s). */
function sttyEdits(rest: readonly CommandWord[]): boolean {
  return rest.some(
    (w, i) =>
      !w.known || w.text.includes(':') || (sttyKeys.has(w.text) && !controlKey.test(rest[i + 1]?.text ?? '')),
  );
}

/** set or shopt -o names that change how bash reads (see `parsingModes`). */
function changesParsing(sign: string, name: string): boolean {
  return sign === '-' ? parsingModes.has(name) : parsingWhenUnset.has(name);
}

/** A path that may be the terminal: under /dev or /proc, however written (`//dev/tty`, `/tmp/../dev/tty`). */
const terminalPath = /(?:^|\/)(?:dev|proc)\/|\.\./;

/**
 * What a shell started by a command reads: the terminal (the template's next lines), a file, a
 * here-document or a here-string, or what this check cannot tell (a later stage of a pipeline,
 * where `cat | sh` runs the next lines; a group or a substitution, which read the terminal).
 */
type ShellInput = 'terminal' | 'file' | 'unknown';

/**
 * A shell started to read the next lines (no -c, no script): bash with the options a login or an
 * interactive shell takes reads them as this one does, when it reads the terminal itself; any
 * other shell or option reads them otherwise (POSIX mode, `-k`). `sudo -i` and `su -` start the
 * account's own shell (MATCHING.md: bash).
 */
function startsOtherShell(name: string, rest: readonly CommandWord[], input: ShellInput): boolean {
  if (!readingShells.has(name) || input === 'file') return false;
  const options: CommandWord[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    if (word === undefined) break;
    // A script: the shell runs it and returns; the command rules judge its arguments. Not the
    // terminal (/dev/tty, /dev/stdin), nor find's `;` or `+` (the shell then has no operand).
    if (word.known && !/^[-+]/.test(word.text)) {
      if (terminalPath.test(word.text) || /^[;+]$/.test(word.text)) return true;
      break;
    }
    options.push(word);
    // -o NAME, -O NAME (and +o, +O, in a group: -ox), --rcfile FILE take the next word: it is not
    // a script.
    const argument = rest[i + 1];
    if (word.known && /^(?:[-+][A-Za-z]*[oO][A-Za-z]*|--rcfile|--init-file)$/.test(word.text) && argument) {
      options.push(argument);
      i++;
    }
  }
  if (options.some((w) => option(w, /c/))) return false;
  // -s reads the commands from the input, the words after it are its parameters.
  if (options.some((w) => option(w, /s/)) || options.length === rest.length) {
    return (
      name !== 'bash' || input !== 'terminal' || options.some((w) => !w.known || !sameDialect.test(w.text))
    );
  }
  return false;
}

/**
 * How a command string a second shell runs is read (shell-reader.ts reads it as a typed line;
 * passed in, as the reader calls here): whether that shell would start a shell or lose the reading
 * there. `text` holds the tags of `source`'s words as NULs, in order, and the reader gives each
 * the refusals its place in the string asks (arithmetic, `${…}`): it reads every string
 * `commandStringsOf` lists first, so that a rule deciding the reading lost before does not skip
 * them. `bash`: bash reads it (`bash -c`; su, sudo -s, flock -c, script -c and ssh run the
 * account's shell, which must be bash: MATCHING.md), or another shell (`sh -c`, sg), which splits
 * bash's own syntax otherwise (`[[ a || sh ]]`).
 */
export type CommandStringReader = (text: string, source: readonly CommandWord[], bash: boolean) => boolean;

/** A command string of a command: its text (tags as NUL), the words it comes from, who reads it. */
export interface CommandString {
  readonly text: string;
  readonly source: readonly CommandWord[];
  readonly bash: boolean;
}

/** Commands whose command string bash reads (see CommandStringReader), unless a shell's name comes first. */
const bashRunsString = new Set([
  'bash',
  'rbash',
  'su',
  'runuser',
  'flock',
  'script',
  'sudo -s',
  'sudo -i',
  'sudo --login',
  'sudo --shell',
]);

/**
 * An awk program that runs commands: `system(…)`, a `print` or `printf` piped to a command (`|`,
 * not `||`: `print | "sh"`, `printf "" | ("s" "h")`), a command piped to `getline`, gawk's `|&`
 * and `@include`, `@f(…)`. Any command string it builds may start a shell (`"s" "h"`, a variable),
 * and one may read the terminal whatever awk reads (`</dev/tty`). A `|` in a regular expression
 * (`/root|admin/`) runs nothing.
 */
const awkRunsCommands =
  /system\s*\(|\|\s*getline|\|&|@(?:include|load|namespace|\w+\s*\()|\bprintf?\b[^;{}\n]*(?<!\|)\|(?!\|)/;

/** An awk command's words but -F's field separator (`-F'|'`, `-F '|'`). */
const awkProgram = (words: readonly CommandWord[]): readonly CommandWord[] =>
  words.filter(
    (w, i) =>
      !/^(?:-F|--field-separator)/.test(w.text) &&
      !/^(?:-F|--field-separator)$/.test(words[i - 1]?.text ?? ''),
  );

/** An awk word that runs commands (`awkRunsCommands`), or one an expansion builds. */
const runsCommands = (word: CommandWord): boolean => word.expanded || awkRunsCommands.test(word.marked);

/**
 * A long option as getopt_long reads it: its name or a prefix of it of two letters or more
 * (`--comm` is --command), with or without `=value`. The value attached, or '' without one; null
 * if the word is not that option.
 */
function longOption(text: string, names: readonly string[]): string | null {
  const match = /^--([a-z-]{2,})(?:=([\s\S]*))?$/.exec(text);
  if (match === null) return null;
  const name = match[1] ?? '';
  return names.some((full) => full.startsWith(name)) ? (match[2] ?? '') : null;
}

/** The long options that hand a command string to a shell or to env's splitting. */
const stringOptions = ['command', 'session-command', 'split-string'];

/** A word that hands the next word to a shell or a command line (`-c`, `--command`, `-S`). */
const commandStringOption = (word: CommandWord): boolean =>
  option(word, /c/) || word.text === '-S' || longOption(word.text, stringOptions) === '';

/**
 * A command string attached to its option: `--command=…` (or a prefix, `--co=…`), `-S…` in env's
 * option group (`-iS'…'`), `-c…` for a command whose -c takes one (su, flock: not a shell's -c,
 * whose string is its first operand). Null if none.
 */
function attachedString(word: CommandWord, shellWord: boolean): string | null {
  if (!word.known && !word.marked.startsWith('-')) return null;
  const long = longOption(word.marked, stringOptions);
  if (long !== null && long !== '') return long;
  const env = /^-[A-Za-z0-9]*S([\s\S]+)$/.exec(word.marked)?.[1];
  if (env !== undefined) return env;
  return shellWord ? null : (/^-c([\s\S]+)$/.exec(word.marked)?.[1] ?? null);
}

/** env -S splits its string with escapes and expansions of its own (`nice\_sh` is `nice sh`). */
const envSplitEscape = /[\\$]/;

/** Words as the command line a runner joins them into (ssh, sg, sudo -s). */
const joined = (words: readonly CommandWord[]): string => words.map((w) => w.marked).join(' ');

/**
 * The commands a runner runs, each as the range of its words: after each of find's -exec… up to
 * its `;` or `+`, or from where runners.ts finds the command (ssh takes options after its host
 * too: `ssh db01 -t cmd`).
 */
function commandRanges(args: readonly CommandWord[], nameAt: number): (readonly CommandWord[])[] {
  const name = basename(args[nameAt]?.text ?? '');
  if (name === 'find') {
    const ranges: (readonly CommandWord[])[] = [];
    for (let i = nameAt + 1; i < args.length; i++) {
      if (!/^-(?:exec|ok)(?:dir)?$/.test(args[i]?.text ?? '')) continue;
      const end = args.findIndex((w, k) => k > i && w.known && /^[;+]$/.test(w.text));
      ranges.push(args.slice(i + 1, end < 0 ? args.length : end));
      if (end < 0) break;
      i = end;
    }
    return ranges;
  }
  const at = runnerCommandAt(args, nameAt, name);
  return at < 0 ? [] : [args.slice(at)];
}

/**
 * Runners within runners (`sshpass -f f ssh db01 …`) are followed this deep; a runner deeper still
 * loses the reading (runsANamedShell).
 */
const maxRunnerDepth = 4;

/**
 * Whether a runner's command may be a shell a value or an expansion names (a user name `sh` or
 * `fish`), which then reads the next lines: a tag or an expansion where its name stands, past the
 * wrappers the command rules look through (`env`, `sudo -u u`), or a word there this check cannot
 * know; a wrapper's shell option there (`sudo -s`) with a tag after it; a runner there in turn.
 * ssh's and sg's command strings are in `commandStringsOf`.
 */
function runsANamedShell(args: readonly CommandWord[], nameAt: number, depth: number): boolean {
  const runner = basename(args[nameAt]?.text ?? '');
  if (joiners[runner] !== undefined) return false;
  // Where the command stands is not parsed: any value among the words may be its name, or be in
  // the command line some of them join their words into (`watch "id; [#USERNAME#]"`).
  if (unparsedRunners.has(runner)) return args.slice(nameAt + 1).some((w) => !w.known);
  return commandRanges(args, nameAt).some((command) => {
    const name = commandNameAt(command);
    // A shell option's command (`sudo -s [#USERNAME#]`), or words this check cannot know.
    if (typeof name !== 'number') return command.some((w) => !w.known && !/\s/.test(w.marked));
    const word = command[name];
    if (word === undefined) return false;
    // A word with a space in it names no shell on the PATH (`"echo [#X#]"`).
    if (!word.known) return !/\s/.test(word.marked);
    // Deeper than this check follows, a runner there may run anything: the reading is lost.
    return depth < maxRunnerDepth ? runsANamedShell(command, name, depth + 1) : runsACommand(command, name);
  });
}

/** Whether a command runs another command in turn (a runner, find -exec, ssh, docker…). */
function runsACommand(args: readonly CommandWord[], nameAt: number): boolean {
  const runner = basename(args[nameAt]?.text ?? '');
  return (
    joiners[runner] !== undefined || unparsedRunners.has(runner) || commandRanges(args, nameAt).length > 0
  );
}

/** The command strings of runners and the runners they run in turn (ssh, sg; `sshpass … ssh …`). */
function runnerStrings(args: readonly CommandWord[], nameAt: number, depth: number): CommandString[] {
  const bash = joiners[basename(args[nameAt]?.text ?? '')];
  return commandRanges(args, nameAt).flatMap((command) => {
    if (bash !== undefined) return [{ text: joined(command), source: command, bash }];
    const name = commandNameAt(command);
    if (typeof name !== 'number' || command[name]?.known !== true) return [];
    if (depth < maxRunnerDepth) return runnerStrings(command, name, depth + 1);
    // Deeper than this check follows, a runner's words are read as a line sh runs, so that each tag
    // among them takes the refusals its place there asks (`$(( [#X#] ))` in ssh's command).
    return runsACommand(command, name) ? [{ text: joined(command), source: command, bash: false }] : [];
  });
}

/**
 * Every command string a command hands to a shell (see CommandStringReader): a -c string (a
 * shell's first operand after its options, `sh -c -e '…'`; the word after su's or flock's -c or
 * --command, or attached to it), env -S's, the words a wrapper's shell option runs (`sudo -s …`),
 * and ssh's or sg's joined command, also where a runner runs them.
 */
export function commandStringsOf(words: readonly CommandWord[], cls: CommandClass): CommandString[] {
  if (cls.kind !== 'reparsed') return [];
  const args = words.filter((w) => !w.redirect);
  const name = cls.name;
  const strings: CommandString[] = runnerStrings(args, nameIndex(args, name), 0);
  const at = cls.shellCommandAt;
  if (at !== undefined && at >= 0 && at < args.length) {
    const rest = args.slice(at);
    strings.push({ text: joined(rest), source: rest, bash: bashRunsString.has(name) });
  }
  /** The last shell named before a word (and where), which then reads its -c string. */
  let shell: string | null = null;
  let shellAt = -1;
  let shellOptionsEnd = false;
  args.forEach((word, i) => {
    const bash = shell !== null ? shell === 'bash' || shell === 'rbash' : bashRunsString.has(name);
    const before = args[i - 1];
    const base = basename(word.text);
    if (word.known && readingShells.has(base) && /^[\w./+-]+$/.test(word.text)) {
      shell = base;
      shellAt = i;
      shellOptionsEnd = false;
      return;
    }
    // find's `;` or `+` ends the command a shell was part of.
    if (word.known && /^[;+]$/.test(word.text)) {
      shell = null;
      return;
    }
    // A shell's -c string: its first operand, whatever options come between (`sh -c -- '…'`).
    if (shell !== null) {
      if (shellOptionsEnd) return;
      const isOption = word.known && /^[-+]/.test(word.text);
      if (isOption) return;
      if (/^[-+][A-Za-z]*[oO][A-Za-z]*$/.test(before?.text ?? '')) return;
      shellOptionsEnd = true;
      if (args.slice(shellAt + 1, i).some((w) => option(w, /c/)))
        strings.push({ text: word.marked, source: [word], bash });
      return;
    }
    if (before !== undefined && commandStringOption(before))
      strings.push({ text: word.marked, source: [word], bash });
    const attached = attachedString(word, false);
    if (attached !== null) strings.push({ text: attached, source: [word], bash });
  });
  return strings;
}

/**
 * A command that runs its arguments (flock, su, find -exec, env -S, a wrapper) and starts a shell
 * with them: a shell's name or path as one of its words, or in a string it hands to one (-c,
 * --command, `sudo -s …`, ssh's command), or an awk program that runs commands. The shell then
 * reads the next lines, as bash or not.
 */
function runsAShell(
  args: readonly CommandWord[],
  cls: Extract<CommandClass, { kind: 'reparsed' }>,
  input: ShellInput,
  readString: CommandStringReader,
): boolean {
  const name = cls.name;
  const nameAt = nameIndex(args, name);
  if (runsANamedShell(args, nameAt, 0)) return true;
  // A wrapper's shell option whose words cannot be found (a value among them, or an option this
  // check does not know after it: `sudo -s -N '$0'`): they may be anything.
  if (cls.shellCommandAt !== undefined && cls.shellCommandAt < 0) return true;
  // env -S's own escapes and expansions, in its string or the words after it.
  if (name.startsWith('env -') && args.some((w) => envSplitEscape.test(w.marked))) return true;
  if (name.includes('awk') && awkProgram(args.slice(nameAt + 1)).some(runsCommands)) return true;
  if (
    commandStringsOf(args, cls).some(
      (string) =>
        string.source.some((w) => w.expanded) || readString(string.text, string.source, string.bash),
    )
  )
    return true;
  return args.some((word, i) => {
    const shell = basename(word.text);
    return (
      word.known &&
      i > 0 &&
      /^[\w./+-]+$/.test(word.text) &&
      readingShells.has(shell) &&
      startsOtherShell(shell, args.slice(i + 1), i === nameAt ? input : 'unknown')
    );
  });
}

/** A command's options: its words up to the first that is not one. */
function argumentsUpTo(words: readonly CommandWord[]): readonly CommandWord[] {
  const end = words.findIndex((w) => !w.known || !w.text.startsWith('-'));
  return end < 0 ? words : words.slice(0, end);
}

/**
 * su's or runuser's -s/--shell naming a shell other than bash (`-s /bin/sh`, `-s/bin/sh`,
 * `--shell=/bin/dash`), or one an expansion or a value gives.
 */
function namesOtherShell(word: CommandWord, next: CommandWord | undefined): boolean {
  // --shell, or a prefix of it as getopt_long takes one (`--sh=/bin/sh`).
  const long = longOption(word.text, ['shell']);
  const attached = long !== null && long !== '' ? long : /^-[A-Za-z]*s(.+)$/.exec(word.text)?.[1];
  const named =
    attached !== undefined && word.known
      ? { known: true, text: attached }
      : option(word, /s/) || long === ''
        ? next
        : undefined;
  if (named === undefined) return false;
  return !named.known || basename(named.text) !== 'bash';
}

/** Environment settings that change how a shell started with them reads (POSIX mode, its rc); `+=` sets an unset one. */
const shellEnvironment = /^(?:SHELL|SHELLOPTS|BASHOPTS|POSIXLY_CORRECT|ENV|BASH_ENV)\+?=/;

/**
 * Why the reading is lost after this command (one of `lostReasons`), or null. `readsInput`: a `<`
 * redirection stands in it. `readsTerminal`: nothing is piped into it and it is not in a
 * substitution or a group, so a shell it starts reads the template's next lines. `readString`:
 * how a command string this command hands to a shell is read (CommandStringReader).
 */
export function whyReadingIsLost(
  words: readonly CommandWord[],
  cls: CommandClass,
  readsInput: boolean,
  readsTerminal: boolean,
  readString: CommandStringReader,
): string | null {
  const args = words.filter((w) => !w.redirect);
  if (args.some((w) => /BASH_(?:ALIASES|CMDS)/.test(w.text))) return lostReasons.redefines;
  const at = pastLeadIns(args, true);
  // POSIXLY_CORRECT set in the shell itself (an assignment alone, or exported).
  if ((at === args.length || cls.name === 'export') && args.some((w) => w.text.startsWith('POSIXLY_CORRECT')))
    return lostReasons.parsing;
  // With arguments, it could be eval, alias or hash.
  if (args[at]?.known === false && args.length > at + 1) return lostReasons.unnamed;
  // Alone, a name built by an expansion may start a shell ($c, c=sh) that reads the next lines (a
  // value alone, `| [#USERNAME#]`, too: see unknownCommand below).
  if (args[at]?.expanded === true) return lostReasons.unnamed;
  // With a < it may be exec without a command (`$x < f` with x=exec, `exec $x < f` with x empty),
  // after which the shell itself reads its next commands from f.
  if (readsInput && cls === unknownCommand) return lostReasons.unnamed;
  // `for PS4; do` takes each positional parameter, where `set -- [#ADD_INFO#]` put a value.
  if (args[at]?.text === 'for' && hookVariable.test(args[at + 1]?.text ?? '')) return lostReasons.redefines;
  const name = cls.name;
  const rest = argumentsOf(args, name.split(' ')[0] ?? name);
  // A word an expansion builds (`-$k`, `${n}DS`), or an option a tag completes; a tag alone is a
  // value with a form or a quoted one, neither of which names an option or a variable here.
  const unknown = rest.some((w) => !w.known && (w.expanded || /^[-+]/.test(w.text)));
  if (redefiners.has(name)) return lostReasons.redefines;
  if (name === 'alias' && rest.some((w) => w.text.includes('=') || !w.known)) return lostReasons.redefines;
  if (name === 'hash' && rest.some((w) => option(w, /p/) || !w.known)) return lostReasons.redefines;
  if (name === 'trap' && runsDuringInput(rest)) return lostReasons.redefines;
  // mapfile -C runs its callback text in this shell, as eval would.
  if ((name === 'mapfile' || name === 'readarray') && rest.some((w) => option(w, /C/)))
    return lostReasons.redefines;
  // A shell whose input is redirected reads the terminal still where the target is a device or
  // a descriptor (`sh </dev/tty`, `sh <&2`): only a file, a here-document or a here-string is not.
  const terminalTarget = words.some(
    (w) => w.redirect && (!w.known || terminalPath.test(w.text) || /^&|^-$|^\d+$/.test(w.text)),
  );
  const input: ShellInput = readsInput && !terminalTarget ? 'file' : readsTerminal ? 'terminal' : 'unknown';
  if (startsOtherShell(name, rest, input)) return lostReasons.parsing;
  if (cls.kind === 'reparsed') {
    if (runsAShell(args, cls, input, readString)) return lostReasons.parsing;
    // `command $c`, `exec $c`: what runs is built when it runs (c=sh).
    if (cls === unknownCommand && args.some((w) => !w.known)) return lostReasons.unnamed;
  }
  // su and runuser start the shell -s names; SHELL, SHELLOPTS, POSIXLY_CORRECT set for a command
  // choose the shell or the mode of one it starts (sudo -s, script, env … bash).
  if ((name === 'su' || name === 'runuser') && rest.some((w, i) => namesOtherShell(w, rest[i + 1])))
    return lostReasons.parsing;
  // Exported (or assigned: SHELL is in a session's environment already), they hold for every
  // command after it too (`export SHELL=/bin/sh`, then `script`).
  const setsEnvironment =
    cls.kind === 'reparsed' ||
    at === args.length ||
    ['export', 'declare', 'typeset', 'readonly'].includes(name);
  if (setsEnvironment && args.some((w) => !w.redirect && shellEnvironment.test(w.text)))
    return lostReasons.parsing;
  // bash started under another name (exec -a sh bash) reads in POSIX mode.
  const exec = args.findIndex((w) => w.known && w.text === 'exec');
  if (exec >= 0 && argumentsUpTo(args.slice(exec + 1)).some((w) => option(w, /a/)))
    return lostReasons.parsing;
  if (name === 'tset' || name === 'reset') return lostReasons.parsing;
  if (
    (name === 'source' || name === '.') &&
    (readsInput || rest.some((w) => !w.known || writtenHere.test(w.text)))
  )
    return lostReasons.redefines;
  if (['declare', 'typeset', 'local'].includes(name) && rest.some((w) => option(w, /[ni]/)))
    return lostReasons.redefines;
  if (namers.has(name) && unknown) return lostReasons.redefines;
  if (
    name === 'set' &&
    // Device CLIs' `set user [#USERNAME#] …` is fine.
    (unknown ||
      rest.some(
        (w, i) =>
          (w.text.startsWith('-') && option(w, /[kHt]/)) ||
          (option(w, /o/) && changesParsing(w.text.charAt(0), rest[i + 1]?.text ?? '')),
      ))
  )
    return lostReasons.parsing;
  if (name === 'shopt') {
    // -o takes set -o's names (`shopt -so keyword`, `shopt -uo interactive-comments`).
    const setNames = rest.find((w) => option(w, /o/));
    const sign = rest.some((w) => option(w, /u/)) ? '+' : '-';
    const names = rest.filter((w) => !/^[-+]/.test(w.text));
    if (unknown) return lostReasons.parsing;
    if (
      setNames !== undefined
        ? names.some((w) => changesParsing(sign, w.text))
        : names.some((w) => parsingShopts.test(w.text))
    )
      return lostReasons.parsing;
  }
  if (name === 'stty' && sttyEdits(rest)) return lostReasons.parsing;
  // stty run by another command (`find … -exec stty …`, `sh -c "stty …"`): its settings are not read.
  if (name !== 'stty' && args.some((w) => /(?:^|[\s;&|(`'"])stty(?:$|[\s;&|)`'"])/.test(w.text)))
    return lostReasons.parsing;
  return null;
}
