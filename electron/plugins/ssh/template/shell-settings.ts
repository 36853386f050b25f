/**
 * Commands after which the shell reader cannot know how bash reads the rest of the input: they
 * give a name another meaning (a function, an alias, a hashed path, a hook, a key binding), change
 * how bash parses (POSIX mode, `set -k`, `shopt`), how the terminal edits what is typed (`stty`),
 * or what history expansion brings back. After one, every value is refused (shell-reader.ts).
 */
import type { CommandClass, CommandWord } from './command-rules';

/**
 * Commands that can give a name (or a key) another meaning: `bind -x` runs a command when a
 * value's character is typed, `fc` runs commands again from the history. A file the template
 * sources (`source`, `.`) is the system's own, as the programs on its PATH are (MATCHING.md says
 * what the check cannot see), unless the template writes it there and then.
 */
const redefiners = new Set(['eval', 'alias', 'hash', 'trap', 'bind', 'enable -f', 'fc']);

/** Builtins whose -n makes a name refer to another variable, and -i makes assignments arithmetic. */
const declarers = new Set(['declare', 'typeset', 'local', 'export', 'readonly']);

/** stty settings that change what the terminal does with a typed character. */
const sttyAllowed = new Set(['-echo', 'echo', 'sane', '-a', '-g', 'size', '-icanon', 'icanon']);

/** Where a sourced file is what the template wrote just before: a here-string, stdin, a pipe. */
const writtenHere = /^(?:\/dev\/stdin|\/dev\/fd\/|\/proc\/[^/]+\/fd\/)/;

export const lostReasons = {
  redefines:
    'comes after a command that can give a name another meaning (eval, alias, hash, trap, bind, fc, a nameref, BASH_ALIASES, BASH_CMDS, a file sourced from the template itself), which this check does not follow',
  unnamed:
    "comes after a command whose name is not plain text ($…, `…`, $'…'), which could be eval, alias or hash: this check does not follow what it defines",
  parsing:
    'comes after a command that changes how bash reads its input (set -o, set -k, shopt, POSIXLY_CORRECT) or how the terminal edits it (stty), which this check does not follow',
} as const;

/** Words that may come before a command's name. */
const keywords = new Set([
  '!',
  '{',
  'if',
  'then',
  'else',
  'elif',
  'while',
  'until',
  'do',
  'time',
  '-p',
  '--',
]);

const option = (word: CommandWord, letters: RegExp): boolean =>
  word.known && /^[-+][A-Za-z]+$/.test(word.text) && letters.test(word.text.slice(1));

/**
 * Why the reading is lost after this command (one of `lostReasons`), or null. `args` are its words
 * but redirections; `readsInput`: a `<` redirection stands in it.
 */
export function whyReadingIsLost(
  words: readonly CommandWord[],
  cls: CommandClass,
  readsInput: boolean,
): string | null {
  const args = words.filter((w) => !w.redirect);
  if (args.some((w) => /BASH_(?:ALIASES|CMDS)|POSIXLY_CORRECT/.test(w.text))) return lostReasons.redefines;
  const at = args.findIndex((w) => !w.assignment && !(w.known && keywords.has(w.text)));
  // Alone, eval, alias or hash define nothing: a value naming a command (`| [#USERNAME#]`) is fine.
  if (args[at]?.known === false && args.length > at + 1) return lostReasons.unnamed;
  const written = args[at]?.text ?? '';
  const name = written.slice(written.lastIndexOf('/') + 1);
  const rest = args.slice(at + 1);
  if (cls.kind !== 'plain' && redefiners.has(cls.name)) return lostReasons.redefines;
  if (
    (name === 'source' || name === '.') &&
    (readsInput || rest.some((w) => !w.known || writtenHere.test(w.text)))
  )
    return lostReasons.redefines;
  if (declarers.has(name) && rest.some((w) => option(w, /[ni]/))) return lostReasons.redefines;
  if (name === 'set' && rest.some((w) => option(w, /[ok]/) || w.text === 'posix')) return lostReasons.parsing;
  if (name === 'shopt') return lostReasons.parsing;
  if (name === 'stty' && rest.some((w) => !w.known || !sttyAllowed.has(w.text))) return lostReasons.parsing;
  return null;
}
