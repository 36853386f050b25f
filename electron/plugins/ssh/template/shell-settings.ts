/**
 * Commands after which the shell reader cannot know how bash reads the rest of the input: they
 * give a name another meaning (a function, an alias, a hashed path, a hook, a key binding), change
 * how bash parses (POSIX mode, `set -k`, `shopt`), how the terminal edits what is typed (`stty`),
 * or what history expansion brings back. After one, every value is refused (shell-reader.ts).
 */
import type { CommandClass, CommandWord } from './command-rules';
import { pastLeadIns } from './lead-ins';

/**
 * Commands that can give a name (or a key) another meaning: `bind -x` runs a command when a
 * value's character is typed, `fc` runs commands again from the history. A file the template
 * sources (`source`, `.`) is the system's own, as the programs on its PATH are (MATCHING.md says
 * what the check cannot see), unless the template writes it there and then.
 */
const redefiners = new Set(['eval', 'bind', 'enable -f', 'fc']);

/** Traps that run during the rest of the input: before each command, at each error or return. */
const runningTraps = /^(?:DEBUG|ERR|RETURN)$/;

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

/** `set -o` names that change how bash reads its input (`set -o pipefail` does not). */
const parsingModes = new Set([
  'posix',
  'keyword',
  'interactive-comments',
  'histexpand',
  'onecmd',
  'vi',
  'emacs',
]);

/** shopt names that change how bash reads its input (`shopt -s nullglob` does not). */
const parsingShopts =
  /^(?:extquote|interactive_comments|expand_aliases|extglob|lastpipe|compat\d+|histverify|histreedit|xpg_echo|posix|-o)$/;

/**
 * Variables whose assignment bash evaluates as arithmetic, so that `OPTIND='a[$(cmd)]'` runs cmd.
 * Measured with bash 5.2 (`bash -c` and on a terminal): SECONDS, LINENO, COLUMNS, TMOUT and the
 * other integer-valued ones take a plain number and do not.
 */
const arithmeticNames = 'OPTIND|RANDOM|SRANDOM|HISTCMD|MAILCHECK';

/** An assignment (`NAME=`, `NAME+=`, `NAME[…]=`) to a variable bash evaluates as arithmetic. */
export const arithmeticAssignment = new RegExp(`^(?:${arithmeticNames})(?:\\[|\\+?=)`);

/** Variables whose value bash runs or evaluates: prompts, hooks, arithmetic ones. */
const hookVariable = new RegExp(`^(?:PS[0-4]|PROMPT_COMMAND|BASH_ENV|ENV|BASH_XTRACEFD|${arithmeticNames})$`);

/** Where a sourced file is what the template wrote just before: a here-string, stdin, a pipe. */
const writtenHere = /^(?:\/dev\/stdin|\/dev\/fd\/|\/proc\/[^/]+\/fd\/)/;

export const lostReasons = {
  redefines:
    'comes after a command that can give a name another meaning (eval, alias, hash, a trap, bind, fc, a nameref, BASH_ALIASES, BASH_CMDS, a file sourced from the template itself), which this check does not follow',
  unnamed:
    "comes after a command whose name is not plain text ($…, `…`, $'…'), which could be eval, alias or hash: this check does not follow what it defines",
  parsing:
    'comes after a command that changes how bash reads its input (set -o posix, set -k, shopt extglob…, POSIXLY_CORRECT) or how the terminal edits it (stty), which this check does not follow',
} as const;

/** An option group (`-ki`, `+o`) holding one of `letters`. */
const option = (word: CommandWord, letters: RegExp): boolean =>
  word.known && /^[-+][A-Za-z]+$/.test(word.text) && letters.test(word.text.slice(1));

/**
 * The words after the command's name as the command rules found it (past `command`, `builtin`,
 * `env`, `nice`…): those after the last word naming it.
 */
function argumentsOf(args: readonly CommandWord[], name: string): readonly CommandWord[] {
  for (let i = args.length - 1; i >= 0; i--) {
    const word = args[i];
    if (word?.known === true && word.text.slice(word.text.lastIndexOf('/') + 1) === name)
      return args.slice(i + 1);
  }
  return [];
}

/**
 * Why the reading is lost after this command (one of `lostReasons`), or null. `readsInput`: a `<`
 * redirection stands in it.
 */
export function whyReadingIsLost(
  words: readonly CommandWord[],
  cls: CommandClass,
  readsInput: boolean,
): string | null {
  const args = words.filter((w) => !w.redirect);
  if (args.some((w) => /BASH_(?:ALIASES|CMDS)/.test(w.text))) return lostReasons.redefines;
  const at = pastLeadIns(args, true);
  // POSIXLY_CORRECT set in the shell itself (an assignment alone, or exported).
  if ((at === args.length || cls.name === 'export') && args.some((w) => w.text.startsWith('POSIXLY_CORRECT')))
    return lostReasons.parsing;
  // Alone, eval, alias or hash define nothing: a value naming a command (`| [#USERNAME#]`) is fine.
  if (args[at]?.known === false && args.length > at + 1) return lostReasons.unnamed;
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
  if (name === 'trap' && rest.some((w) => !w.known || runningTraps.test(w.text.replace(/^SIG/, ''))))
    return lostReasons.redefines;
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
        (w, i) => option(w, /[kHt]/) || (option(w, /o/) && parsingModes.has(rest[i + 1]?.text ?? '')),
      ))
  )
    return lostReasons.parsing;
  if (name === 'shopt' && (unknown || rest.some((w) => parsingShopts.test(w.text))))
    return lostReasons.parsing;
  if (name === 'stty' && (unknown || rest.some((w) => sttyKeys.has(w.text)))) return lostReasons.parsing;
  return null;
}
