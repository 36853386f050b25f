/**
 * The words and commands the shell reader builds, and what each command does with a value: the
 * pieces of shell-reader.ts that know about commands rather than characters.
 */
import { classifyCommand, type CommandClass, type CommandWord } from './command-rules';
import type { HereDocument } from './here-document';
import { forKeywordAt, LeadInScan } from './lead-ins';
import { reasons, type Placement } from './tag-placement';

export class WordBuilder {
  /** After quote removal (literal parts only). */
  text = '';
  /** As written, quote characters included, tags as tagMarker: for NAME= and NAME[…]=. */
  raw = '';
  /** Unquoted literal characters, other parts as tagMarker: for globs and braces. */
  unquoted = '';
  /** After quote removal, tags as tagMarker: what a program receives, values aside. */
  marked = '';
  known = true;
  /** An expansion in it (not only tags). */
  expanded = false;
  /** Something literal and non-empty came before (a tag's value counts: values are never empty). */
  literal = false;
  readonly tags: Placement[] = [];
  /**
   * Tags in a command substitution inside this word (`a[$(echo [#X#])]=1`), with their place in
   * `raw`: what that command prints becomes part of this word, its subscript or its assignment.
   */
  readonly nested: { readonly tag: Placement; readonly rawIndex: number }[] = [];

  constructor(readonly redirect: boolean) {}

  /** Its tags and those of the substitutions in it, each with its place in `raw`. */
  get allTags(): { readonly tag: Placement; readonly rawIndex: number }[] {
    return [...this.tags.map((tag) => ({ tag, rawIndex: tag.rawIndex })), ...this.nested];
  }
}

export type PipelineStage = {
  readonly reader: string | null;
  readonly tags: readonly Placement[];
  readonly hereDocuments: readonly HereDocument[];
};

/**
 * The indexes of the assignments before a command's name: after redirections (`>f X=v`) and the
 * keywords that lead into a command (`{ X=v; }`, `then X=v`, `time -p X=v`), which bash all reads
 * as assignments in the shell itself when no name follows.
 */
export function assignmentIndexes(words: readonly CommandWord[]): number[] {
  const found: number[] = [];
  const leadIns = new LeadInScan(false);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === undefined || word.redirect) continue;
    if (word.assignment) found.push(i);
    else if (found.length > 0 || !leadIns.push(word)) break;
  }
  return found;
}

/**
 * `for NAME in WORDS`: the index of NAME and of the first of WORDS (each is assigned to NAME in
 * the shell itself, as an assignment would be), or null when the command is not such a loop.
 */
export function forLoopWords(words: readonly CommandWord[]): { name: number; list: number } | null {
  const at = forKeywordAt(words);
  if (at < 0) return null;
  const keyword = words[at + 2];
  return keyword?.known === true && keyword.text === 'in' ? { name: at + 1, list: at + 3 } : null;
}

export class CommandBuilder {
  /** Its words so far, redirections' targets included: add them with `addWord`. */
  readonly words: CommandWord[] = [];
  readonly #leadIns = new LeadInScan(false);
  /** The same, over its words without redirections: where its name (or an assignment) comes. */
  readonly #argumentLeadIns = new LeadInScan(false);
  /** A word other than a lead-in, an assignment or a redirection stood in it. */
  #named = false;
  wordTags: Placement[][] = [];
  /** Tags of this command, and of the command substitutions in its words. */
  tags: Placement[] = [];
  word: WordBuilder | null = null;
  redirectNext = false;
  /** The pending redirection reads (<, <<<, <&, <>): its target is what the command reads. */
  redirectInput = false;
  /** A `<` redirection stands in the command. */
  readsInput = false;
  /** Tags in what the command reads: a here-string, a `< <(…)` substitution, a file name. */
  readonly inputTags: Placement[] = [];
  doubleBracket = false;
  /** A ( … ) group stood in this command's place. */
  group = false;
  /** For `done`, `fi`, `}`: what in the compound they end runs what is piped into it. */
  compoundReader: string | null = null;
  /** Writes to a `>(…)` process substitution, whose command this check does not weigh as a reader. */
  feedsProcess = false;
  /** A `<<` (or `<<-`) was read: the next word is a here-document's delimiter. */
  hereDocumentNext: { readonly stripTabs: boolean } | null = null;
  /** Its here-documents, whose bodies follow the line it is on. */
  readonly hereDocuments: HereDocument[] = [];
  /** For `done`, `fi`, `}`: the here-documents of the commands in the compound they end. */
  readonly enclosedHereDocuments: HereDocument[] = [];

  addWord(word: CommandWord): void {
    this.words.push(word);
    this.#leadIns.push(word);
    if (!word.redirect && !this.#argumentLeadIns.push(word) && !word.assignment) this.#named = true;
  }

  /**
   * Where bash reads the next word as a possible assignment: after keywords, redirections and
   * assignments only.
   */
  get assignmentMayFollow(): boolean {
    return !this.#named;
  }

  /** No word yet other than keywords that lead into a command. */
  get atStart(): boolean {
    return this.word === null && this.#leadIns.onlyLeadIns;
  }

  /** `for NAME` and nothing after: bash reads on past a line end to the loop's `in`. */
  get awaitsLoopList(): boolean {
    const at = this.#leadIns.forAt(this.words);
    return this.word === null && at >= 0 && at === this.words.length - 2;
  }

  /**
   * The last word is a for where a command's name goes (`for`, `do for`, `then for`…): a ( next
   * opens the arithmetic loop `for ((…))`.
   */
  get atForLoop(): boolean {
    const at = this.#leadIns.forAt(this.words);
    return this.word === null && at >= 0 && at === this.words.length - 1;
  }
}

/** An open if, while, until, for or { … }: its tags, and whether a command in it reads code. */
export interface Compound {
  readonly tags: Placement[];
  /** Here-documents of its commands: where the compound's output goes, their bodies go. */
  readonly hereDocuments: HereDocument[];
  reader: string | null;
  /** The pipeline the compound is a stage of. */
  readonly outer: PipelineStage[];
}

export const compoundOpeners = new Set(['if', 'while', 'until', 'for', '{']);
export const compoundClosers = new Set(['fi', 'done', '}']);

export function classify(cmd: CommandBuilder): CommandClass {
  // A ( … ) group: its commands were judged inside. Its words can only be redirections.
  if (cmd.group) return { kind: 'plain', name: '' };
  const cls = classifyCommand(cmd.words);
  if (cls.kind === 'plain' && cmd.words.some((w) => w.known && w.text === '[['))
    return { kind: 'evaluated', name: '[[', reason: reasons.doubleBracket };
  return cls;
}

/** What a pipeline stage does with what is piped into it: the name of what runs it, or null. */
export function codeReader(cmd: CommandBuilder, cls: CommandClass): string | null {
  // Redirections after it (`| (sh) > out`) do not change what reads the pipe.
  if (cmd.group) return 'a ( … ) group';
  if (cls.kind === 'evaluated') return cls.name;
  if (cls.kind === 'reparsed' && cls.readsCode) return cls.name;
  return null;
}
