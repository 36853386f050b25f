/**
 * A value inside a sed `s` command (`sed -i 's/password="[#CURRENT_PASSWORD#]"/…/' file`): sed
 * reads its script as code, so quoting for the shell alone does not hold there (its `e` flag runs
 * a command). But a script that is one `s` command, with the value in its pattern or its
 * replacement, has a known grammar: escaping the value for its part (a backslash before each
 * character that part gives a meaning to) keeps it literal, and the shell's quoting then applies on
 * top (MATCHING.md, "Values in a sed substitution"). Anything else about the sed command that this
 * reading does not understand leaves the value refused, as for any interpreter.
 */
import type { CommandWord } from './command-rules';
import { tagMarker } from './tag-placement';

/** Where in an `s` command a value sits, and what sed reads there. */
export interface SedLayer {
  readonly kind: 'sed';
  readonly part: 'pattern' | 'replacement';
  /** -E / -r: an extended regular expression, where + ? ( ) { } | mean something too. */
  readonly extended: boolean;
  readonly delimiter: string;
}

/**
 * Delimiters whose escaped form sed turns back into a plain character that no regular expression
 * or replacement gives a meaning to (sed drops the backslash of `\<delimiter>` before reading the
 * pattern, so `s.a\.b.x.` would match any character).
 */
const safeDelimiters = new Set(['/', '#', ',', ':', '@', '%', ';', '=', '_', '~']);

/** Options that change nothing about how a script is read. */
const plainShortOptions = new Set(['n', 's', 'u', 'z']);
const plainLongOptions = new Set([
  '--quiet',
  '--silent',
  '--separate',
  '--unbuffered',
  '--null-data',
  '--posix',
  '--debug',
  '--sandbox',
  '--follow-symlinks',
]);

export type SedReading =
  | { readonly ok: true; readonly script: CommandWord; readonly layers: readonly SedLayer[] }
  | { readonly ok: false; readonly reason: string };

const refused = (why: string): SedReading => ({
  ok: false,
  reason: `goes to sed, which runs its script as code, and ${why} (quoting does not hold there)`,
});

/**
 * The script word of a sed command and, for each tag in it (in order), its layer; or why the
 * command is not one this reading follows. `args` are the words after `sed`, redirections
 * excluded. GNU sed takes options after operands too, so every word is looked at.
 */
export function readSedCommand(args: readonly CommandWord[]): SedReading {
  let extended = false;
  const operands: CommandWord[] = [];
  let optionsEnded = false;
  for (const word of args) {
    if (!optionsEnded && word.known && word.text.startsWith('-') && word.text !== '-') {
      const text = word.text;
      // With POSIXLY_CORRECT set, options after the script are file names: -E there might not
      // make the pattern extended, and the value's escaping would be for the wrong grammar.
      if (operands.length > 0 && /^-(?:[a-zA-Z]*[Er][a-zA-Z]*|-regexp-extended)$/.test(text))
        return refused('-E or -r comes after its script, where sed may read it as a file name');
      if (text === '--') optionsEnded = true;
      else if (text === '-E' || text === '-r' || text === '--regexp-extended') extended = true;
      else if (text.startsWith('--in-place') || plainLongOptions.has(text)) continue;
      else if (text.startsWith('--')) return refused(`its option ${text} is one this check does not follow`);
      else {
        // -nE, -i.bak (i takes the rest as its suffix); -e, -f and -l take an argument.
        for (let k = 1; k < text.length; k++) {
          const letter = text.charAt(k);
          if (letter === 'i') break;
          if (letter === 'E' || letter === 'r') extended = true;
          else if (!plainShortOptions.has(letter))
            return refused(`its option -${letter} is one this check does not follow`);
        }
      }
      continue;
    }
    if (!optionsEnded && !word.known && !word.expanded && word.marked.startsWith('-'))
      return refused('a value sits in one of its options');
    operands.push(word);
  }
  const [script] = operands;
  if (script === undefined) return refused('its script is not in the command');
  if (script.expanded) return refused('its script holds an expansion');
  const layers = readSubstitution(script.marked, extended);
  if (typeof layers === 'string') return refused(layers);
  return { ok: true, script, layers };
}

/**
 * `s<d>pattern<d>replacement<d>flags`, alone: each tag's layer, or why not. Flags may only be
 * g, p, i/I, m/M and a number (`e` runs the pattern space, `w` writes a file).
 */
function readSubstitution(script: string, extended: boolean): SedLayer[] | string {
  const text = script.trim();
  const delimiter = text.charAt(1);
  if (!text.startsWith('s') || !safeDelimiters.has(delimiter))
    return 'its script is not one s command with a / # , : @ % ; = _ or ~ delimiter';
  const layers: SedLayer[] = [];
  // GNU sed ends the pattern at a delimiter inside […] or not depending on its version, and a
  // value inside […] or an interval is not a literal sequence: no tag with a bracket expression.
  let bracket = false;
  let at = 2;
  for (const part of ['pattern', 'replacement'] as const) {
    let interval = false;
    for (;;) {
      const char = text.charAt(at);
      if (char === '') return 'its s command is not closed';
      if (char === delimiter) break;
      if (char === tagMarker) {
        if (interval) return 'a value sits inside an interval {…}, where escaping does not make it literal';
        layers.push({ kind: 'sed', part, extended, delimiter });
      } else if (char === '\\') {
        const next = text.charAt(at + 1);
        if (next === tagMarker || next === '') return 'a value follows a backslash, which would escape it';
        // GNU sed's \xHH, \oNNN, \dNNN and \cX take the characters after them: the value's.
        if ('xodc'.includes(next) && text.charAt(at + 2) === tagMarker)
          return `a value follows \\${next}, which would take its first characters`;
        if (part === 'pattern' && !extended && next === '{') interval = true;
        if (part === 'pattern' && !extended && next === '}') interval = false;
        at += 1;
      } else if (part === 'pattern' && char === '[') bracket = true;
      else if (part === 'pattern' && extended && char === '{') interval = true;
      else if (part === 'pattern' && extended && char === '}') interval = false;
      at += 1;
    }
    at += 1;
  }
  if (bracket && layers.length > 0)
    return 'its pattern has a bracket expression […], which this check does not follow';
  const flags = text.slice(at);
  if (!/^[gpiImM0-9]*$/.test(flags))
    return 'its s command has flags other than g, p, i, m and a number (e runs a command, w writes a file)';
  return layers;
}

/** Characters a basic regular expression gives a meaning to when not escaped. */
const basicSpecial = new Set(['\\', '.', '*', '[', '^', '$']);
/** And in an extended one, these too. */
const extendedSpecial = new Set([...basicSpecial, '+', '?', '(', ')', '{', '}', '|']);
const replacementSpecial = new Set(['\\', '&']);

/**
 * The value as sed reads it literally in its part: a backslash before each special character and
 * before the delimiter. (In a basic expression `\+`, `\?`, `\(`, `\{`, `\|` are operators, so
 * those characters are left as they are: they are literal there.)
 */
export function sedEscape(value: string, layer: SedLayer): string {
  const special =
    layer.part === 'replacement' ? replacementSpecial : layer.extended ? extendedSpecial : basicSpecial;
  let out = '';
  for (const char of value) out += special.has(char) || char === layer.delimiter ? `\\${char}` : char;
  return out;
}
