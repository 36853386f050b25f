/**
 * The words bash reads before a command's name without it being the name: the keywords that lead
 * into a command (`if`, `then`, `do`, `!`, `{`…, and `time` with its `-p` and `--`) and, where
 * the caller asks, assignments. One list for the command rules, the reader and the settings that
 * lose the reading, so that they agree on where a command's name is.
 */
import type { CommandWord } from './command-rules';

const leadIns = new Set(['!', '{', '}', 'if', 'then', 'else', 'elif', 'while', 'until', 'do', 'time']);

/**
 * Reads a command's words one at a time and counts the lead-ins before its name: the reader asks
 * at each word whether a name may still come, so this must not rescan the words before.
 */
export class LeadInScan {
  /** How many of the words read so far are lead-ins, up to the first that is not. */
  count = 0;
  #ended = false;
  #afterTime = false;

  constructor(private readonly skipAssignments: boolean) {}

  /** Nothing but lead-ins so far. */
  get onlyLeadIns(): boolean {
    return !this.#ended;
  }

  /** Reads the next word; false once a word is not a lead-in (and for every word after it). */
  push(word: CommandWord): boolean {
    if (this.#ended) return false;
    if (this.skipAssignments && word.assignment) this.#afterTime = false;
    // bash's `time` keyword takes -p and --, in any order.
    else if (!word.known) this.#ended = true;
    else if (this.#afterTime && (word.text === '-p' || word.text === '--')) this.#afterTime = true;
    else if (leadIns.has(word.text)) this.#afterTime = word.text === 'time';
    else this.#ended = true;
    if (!this.#ended) this.count++;
    return !this.#ended;
  }

  /** Where a `for` stands in the command's name's place among `words` (those read), or -1. */
  forAt(words: readonly CommandWord[]): number {
    const word = words[this.count];
    return word?.known === true && word.text === 'for' ? this.count : -1;
  }
}

function scanned(words: readonly CommandWord[], skipAssignments: boolean): LeadInScan {
  const scan = new LeadInScan(skipAssignments);
  for (const word of words) if (!scan.push(word)) break;
  return scan;
}

/**
 * The index of the first word that is not a lead-in (nor, with `skipAssignments`, an assignment):
 * where the command's name is, or `words.length` when there is none. Words are those of the
 * command without its redirections.
 */
export function pastLeadIns(words: readonly CommandWord[], skipAssignments: boolean): number {
  return scanned(words, skipAssignments).count;
}

/** Where a `for` stands in a command's name's place (`for`, `do for`, `! for`), or -1. */
export function forKeywordAt(words: readonly CommandWord[]): number {
  return scanned(words, false).forAt(words);
}
