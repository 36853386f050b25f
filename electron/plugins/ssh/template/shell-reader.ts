/**
 * Reads shell input character by character, the way bash does, and records on each tag where
 * it sits (shell-context.ts explains the rules; tag-placement.ts holds the reasons).
 */
import { hereDocumentReasons, readHereDocumentBodies, type HereDocument } from './here-document';
import {
  assignmentIndexes,
  classify,
  codeReader,
  CommandBuilder,
  compoundClosers,
  compoundOpeners,
  forLoopWords,
  WordBuilder,
  type Compound,
  type PipelineStage,
} from './shell-command';
import {
  arithmeticAssignment,
  lostReasons,
  commandStringsOf,
  whyReadingIsLost,
  type CommandStringReader,
} from './shell-settings';
import { Placement, reasons, tagMarker } from './tag-placement';

/** After these, a quoted value keeps its word's meaning (`--opt=`, `user:`, `a.`). */
const plainCharacter = /^[A-Za-z0-9_./:@%+,=-]$/;
const nameStart = /^[A-Za-z_]$/;
const nameCharacter = /^[A-Za-z0-9_]$/;
const specialParameter = /^[@*#?$!0-9-]$/;

type Frame =
  | {
      readonly kind: 'command';
      readonly closer: ')' | null;
      cmd: CommandBuilder;
      pipeline: PipelineStage[];
      readonly compounds: Compound[];
    }
  | { readonly kind: 'single' | 'ansi' | 'double' | 'comment' }
  /** `…`: its text after bash's backslash removal, read again as commands when it closes. */
  | { readonly kind: 'backtick'; readonly inDouble: boolean; readonly text: Item[] }
  | { readonly kind: 'brace'; readonly inDouble: boolean }
  | {
      readonly kind: 'arithmetic';
      readonly closer: '))' | ']';
      depth: number;
      /** NAME[…] in an assignment: the closing ] is part of the word. */
      readonly subscript?: boolean;
    };

type CommandFrame = Extract<Frame, { kind: 'command' }>;

/** One character of input, or a tag. */
export type Item = string | Placement;

const commandFrame = (closer: ')' | null): CommandFrame => ({
  kind: 'command',
  closer,
  cmd: new CommandBuilder(),
  pipeline: [],
  compounds: [],
});

class ShellReader {
  readonly #stack: Frame[] = [commandFrame(null)];
  #items: readonly Item[] = [];
  #at = 0;
  /** What came right before, in a command's word. */
  #before: 'start' | 'plain' | 'quote' | 'other' = 'start';
  /** Set once the input holds something this reader does not follow. */
  #lost: string | null = null;
  /**
   * After `|`, `&&` or `||`, until the next command: bash reads on past a line end there
   * (`printf %s [#X#] |` then `sh` on the next line is one pipeline).
   */
  #awaitingCommand = false;
  /** Here-documents whose bodies start at the next line end. */
  #hereDocuments: HereDocument[] = [];
  /** Where each here-document body line it read starts, in its input. */
  readonly bodyLineStarts: number[] = [];

  read(items: readonly Item[]): void {
    this.#items = items;
    for (this.#at = 0; this.#at < items.length; this.#at++) {
      const item = items[this.#at];
      if (item === undefined) break;
      if (typeof item === 'string') this.#char(item);
      else this.#tag(item);
    }
    while (this.#stack.length > 0) {
      const frame = this.#stack.pop();
      if (frame?.kind === 'command') this.#endCommand(frame, 'list');
      else if (frame?.kind === 'backtick') this.#lose(readBackticks(frame.text));
    }
  }

  get #frame(): Frame {
    return this.#stack[this.#stack.length - 1] ?? commandFrame(null);
  }

  #peek(offset = 1): Item | undefined {
    return this.#items[this.#at + offset];
  }

  #nearestCommand(): CommandFrame {
    for (let i = this.#stack.length - 1; i >= 0; i--) {
      const frame = this.#stack[i];
      if (frame?.kind === 'command') return frame;
    }
    throw new Error('the outermost frame is a command');
  }

  #word(): WordBuilder {
    const cmd = this.#nearestCommand().cmd;
    cmd.word ??= new WordBuilder(cmd.redirectNext);
    return cmd.word;
  }

  #lose(reason: string | null): void {
    this.#lost ??= reason;
  }

  /** Why the reading was lost (a command in the text read), or null. */
  get lost(): string | null {
    return this.#lost;
  }

  #tag(tag: Placement): void {
    const frame = this.#frame;
    // Not followed, the tag could be anywhere, arithmetic too: no value goes there, not even one
    // with a form (in arithmetic, a user name evaluates what an earlier value left in $_).
    if (this.#lost !== null) tag.refuseAll(this.#lost);
    switch (frame.kind) {
      case 'command':
        tag.context = 'unquoted';
        if (this.#before === 'other') tag.refuseQuoted(reasons.before);
        tag.freshCommand =
          this.#stack.length === 1 &&
          frame.compounds.length === 0 &&
          frame.pipeline.length === 0 &&
          !this.#awaitingCommand &&
          frame.cmd.words.length === 0 &&
          frame.cmd.word === null;
        break;
      case 'comment':
        tag.context = 'comment';
        return;
      case 'single':
        // Escaped for these quotes at run (substitute.ts): the quotes are the template's.
        tag.context = 'single-quotes';
        break;
      case 'ansi':
        tag.context = 'single-quotes';
        tag.refuseQuoted(reasons.ansi);
        break;
      case 'double':
        tag.context = 'double-quotes';
        break;
      case 'backtick':
        tag.context = 'backticks';
        tag.refuseQuoted(reasons.backticks);
        frame.text.push(tag);
        break;
      case 'brace':
        tag.context = 'expansion';
        tag.refuseAll(reasons.brace);
        break;
      case 'arithmetic':
        tag.context = 'arithmetic';
        tag.refuseAll(frame.subscript === true ? reasons.subscript : reasons.arithmetic);
        break;
    }
    // The value belongs to the word it is in, and to every command whose words hold it:
    // `eval "$(echo [#X#])"` runs the value too. Around it, ${…} and arithmetic evaluate it.
    const word = this.#word();
    tag.wordStart = !word.literal;
    tag.rawIndex = word.raw.length;
    word.raw += tagMarker;
    word.unquoted += tagMarker;
    word.marked += tagMarker;
    word.known = false;
    word.literal = true;
    word.tags.push(tag);
    for (const enclosing of this.#stack) {
      if (enclosing.kind === 'command') {
        const outer = enclosing.cmd.word;
        if (outer !== null && outer !== word) outer.nested.push({ tag, rawIndex: outer.raw.length });
        enclosing.cmd.tags.push(tag);
        for (const compound of enclosing.compounds) compound.tags.push(tag);
      } else if (enclosing.kind === 'arithmetic')
        tag.refuseAll(enclosing.subscript === true ? reasons.subscript : reasons.arithmetic);
      else if (enclosing.kind === 'brace') tag.refuseAll(reasons.brace);
    }
    if (frame.kind === 'command') this.#before = 'plain';
  }

  /** A literal character of the current word; `quoted` when inside quotes. */
  #literal(char: string, quoted: boolean): void {
    const word = this.#word();
    word.text += char;
    word.marked += char;
    word.raw += char;
    word.unquoted += quoted ? tagMarker : char;
    word.literal = true;
  }

  #push(frame: Frame): void {
    this.#stack.push(frame);
  }

  #pop(): void {
    this.#stack.pop();
  }

  /** A backslash in a context where it escapes: a tag right after it is refused. */
  #backslashBeforeTag(): boolean {
    const next = this.#peek();
    if (next instanceof Placement) {
      next.refuseAll(reasons.backslash);
      this.#before = 'other';
      return true;
    }
    return false;
  }

  #char(char: string): void {
    const frame = this.#frame;
    switch (frame.kind) {
      case 'command':
        this.#commandChar(frame, char);
        return;
      case 'comment':
        if (char === '\n') {
          this.#pop();
          this.#commandChar(this.#nearestCommand(), char);
        }
        return;
      case 'single':
        if (char === "'") this.#closeQuote();
        else this.#literal(char, true);
        return;
      case 'ansi':
        if (char === "'") this.#closeQuote();
        else if (char === '\\' && !this.#backslashBeforeTag()) {
          // A shell without $'…' (dash) ends the quotes at \' where bash does not.
          if (this.#peek() === "'") this.#lose(reasons.otherShells);
          this.#at++;
        }
        this.#unknown();
        return;
      case 'double':
        if (char === '"') this.#closeQuote();
        else if (char === '\\') {
          if (this.#backslashBeforeTag()) return;
          const next = this.#peek();
          if (next === '\n') {
            // A line continuation: bash removes both, so "s\<newline>h" is the word sh.
            this.#continuation();
          } else if (typeof next === 'string') {
            if (!'$`"\\'.includes(next)) this.#literal(char, true);
            this.#literal(next, true);
            this.#at++;
          }
        } else if (char === '`') this.#openBackticks(true);
        else if (char === '$') this.#dollar(true);
        else this.#literal(char, true);
        return;
      case 'backtick':
        if (char === '`') {
          this.#pop();
          this.#lose(readBackticks(frame.text));
          this.#before = 'other';
        } else if (char === '\\') this.#backtickBackslash(frame);
        else frame.text.push(char);
        return;
      case 'brace':
        if (char === '}') {
          this.#pop();
          this.#before = 'other';
        } else this.#nested(char, frame.inDouble);
        return;
      case 'arithmetic':
        // A shell without (( … )) or $[ … ] (dash) reads `<<` there as a here-document's start.
        if (char === '<' && this.#peek() === '<') this.#lose(reasons.otherShells);
        // $[ … ] counts its nested [ ] as bash does (`$[ b[ 0 ] ]`), $(( … )) its ( ).
        if (char === (frame.closer === ']' ? '[' : '(')) frame.depth++;
        else if (char === (frame.closer === ']' ? ']' : ')') && frame.depth > 0) frame.depth--;
        else if ((char === ')' && frame.closer === '))') || (char === ']' && frame.closer === ']')) {
          if (frame.closer === '))' && this.#peek() === ')') this.#at++;
          this.#pop();
          if (frame.subscript === true) this.#literal(']', false);
          this.#before = 'other';
        } else this.#nested(char, true);
        return;
    }
  }

  /**
   * Quotes and expansions inside ${…} and arithmetic. Bash's parser pairs quotes there even
   * within "…" (`"${a:-'}'}"` is `'}'`, `$(( ')' ))` does not end at the quoted `)`), and reads
   * `$'…'` as ANSI-C quotes (extquote): a `}` or `)` between them does not end the expansion, nor
   * does a `"` end the outer quotes.
   */
  #nested(char: string, inDouble: boolean): void {
    if (char === '\\') {
      if (this.#peek() === '\n') this.#continuation();
      else if (!this.#backslashBeforeTag()) this.#at++;
    } else if (char === "'") {
      // Within "…", a POSIX shell (dash, bash as sh) takes this ' for a plain character.
      if (inDouble) this.#lose(reasons.otherShells);
      this.#push({ kind: 'single' });
    } else if (char === '"') this.#push({ kind: 'double' });
    else if (char === '`') this.#openBackticks(inDouble);
    else if (char === '$' && this.#peek() === "'") {
      if (inDouble) this.#lose(reasons.otherShells);
      this.#unknown();
      this.#push({ kind: 'ansi' });
      this.#at++;
    } else if (char === '$') this.#dollar(inDouble);
  }

  /**
   * A backslash inside backticks: before $, `, \ (and " within "…") bash removes it when it
   * takes the text out; before anything else it stays, for the second reading to see.
   */
  #backtickBackslash(frame: Extract<Frame, { kind: 'backtick' }>): void {
    const next = this.#peek();
    if (next === '\n') this.#at++;
    else if (typeof next === 'string' && ('$`\\'.includes(next) || (next === '"' && frame.inDouble))) {
      frame.text.push(next);
      this.#at++;
    } else frame.text.push('\\');
  }

  /**
   * A \ and a line end, which bash removes before it reads on: after a character whose meaning
   * depends on the next one (`$\⏎(`, `(\⏎(`, `<\⏎<`), the two join into a token this reader,
   * which looks ahead in the text as written, would not see.
   */
  #continuation(): void {
    const before = this.#items[this.#at - 1];
    if (typeof before === 'string' && '$()<>&|;[]{}'.includes(before)) this.#lose(reasons.continuation);
    this.#at++;
  }

  #closeQuote(): void {
    this.#pop();
    if (this.#frame.kind === 'command') this.#before = 'quote';
  }

  /**
   * The word holds an expansion: what it becomes is not in the template. It also stands in `raw`,
   * so that a word with one is neither the digits of `2>` (`2$x>f cmd` runs the command 2…) nor
   * a name before `=` (`a$x=1 cmd` runs the command a…=1, bash assigns nothing).
   */
  #unknown(): void {
    const word = this.#word();
    word.known = false;
    word.expanded = true;
    word.raw += tagMarker;
  }

  #openBackticks(inDouble: boolean): void {
    this.#unknown();
    this.#push({ kind: 'backtick', inDouble, text: [] });
  }

  /** `$` and what follows it: an expansion, $'…', $"…", or a literal $. */
  #dollar(inDouble: boolean): void {
    const next = this.#peek();
    this.#before = 'other';
    if (next instanceof Placement) {
      next.refuseAll(reasons.dollar);
      this.#unknown();
      return;
    }
    if (next === undefined) return this.#literal('$', inDouble);
    if (next === '(') {
      this.#unknown();
      if (this.#peek(2) === '(') {
        this.#push({ kind: 'arithmetic', closer: '))', depth: 0 });
        this.#at += 2;
      } else {
        this.#push(commandFrame(')'));
        this.#before = 'start';
        this.#at++;
      }
    } else if (next === '{') {
      this.#unknown();
      this.#push({ kind: 'brace', inDouble });
      this.#at++;
    } else if (next === '[') {
      this.#unknown();
      this.#push({ kind: 'arithmetic', closer: ']', depth: 0 });
      this.#at++;
    } else if (next === "'" && !inDouble) {
      this.#unknown();
      this.#push({ kind: 'ansi' });
      this.#at++;
    } else if (next === '"' && !inDouble) {
      // $"…": a translated string, otherwise "…" (quoted: no assignment's name, no 2>).
      this.#word().raw += '$"';
      this.#push({ kind: 'double' });
      this.#at++;
    } else if (nameStart.test(next)) {
      this.#unknown();
      while (typeof this.#peek() === 'string' && nameCharacter.test(this.#peek() as string)) this.#at++;
      const after = this.#peek();
      if (after instanceof Placement) after.refuseAll(reasons.name);
    } else if (specialParameter.test(next)) {
      this.#unknown();
      this.#at++;
    } else {
      this.#literal('$', inDouble);
    }
  }

  #commandChar(frame: CommandFrame, char: string): void {
    const cmd = frame.cmd;
    if (char === '#' && cmd.word === null) {
      this.#push({ kind: 'comment' });
      return;
    }
    if (char === '\\') {
      const next = this.#peek();
      if (next === '\n') {
        this.#continuation();
        return;
      }
      if (this.#backslashBeforeTag()) {
        this.#word();
        return;
      }
      if (typeof next === 'string') {
        const word = this.#word();
        word.text += next;
        word.marked += next;
        word.raw += `\\${next}`;
        word.unquoted += tagMarker;
        word.literal = true;
        this.#at++;
      }
      this.#before = 'other';
      return;
    }
    if (char === ' ' || char === '\t') {
      this.#endWord(frame);
      this.#before = 'start';
      return;
    }
    if (char === '\n') {
      // A line end right after `|`, `&&` or `||` is a blank: the command goes on on the next line.
      // So is one after `for NAME`, before its `in`.
      this.#endWord(frame);
      if (cmd.awaitsLoopList) {
        const next = this.#loopWordNext();
        if (next === 'in') {
          this.#before = 'start';
          this.#hereDocumentBodies(frame);
          return;
        }
        if (next === null) this.#lose(reasons.loopLine);
      }
      if (!this.#awaitingCommand || cmd.word !== null || cmd.words.length > 0)
        this.#endCommand(frame, 'list');
      this.#before = 'start';
      this.#hereDocumentBodies(frame);
      return;
    }
    if (char === ';' || char === '&' || char === '|') {
      this.#separator(frame, char);
      return;
    }
    if (char === '<' || char === '>') {
      this.#redirection(frame, char);
      return;
    }
    if (char === '(' || char === ')') {
      this.#parenthesis(frame, char);
      return;
    }
    if (char === "'") {
      this.#word().raw += char;
      this.#push({ kind: 'single' });
    } else if (char === '"') {
      this.#word().raw += char;
      this.#push({ kind: 'double' });
    } else if (char === '`') {
      this.#openBackticks(false);
    } else if (char === '$') {
      this.#dollar(false);
    } else if (char === '[' && this.#subscriptMayOpen(cmd)) {
      // NAME[ where an assignment may come: bash reads up to the matching ] as part of the word,
      // blanks and operators included (`a[ 0 ]=1 sh`), and evaluates it as arithmetic.
      this.#literal(char, false);
      this.#push({ kind: 'arithmetic', closer: ']', depth: 0, subscript: true });
    } else {
      this.#literal(char, false);
      this.#before = plainCharacter.test(char) ? 'plain' : 'other';
    }
  }

  #subscriptMayOpen(cmd: CommandBuilder): boolean {
    const word = cmd.word;
    return (
      word !== null &&
      word.tags.length === 0 &&
      /^[A-Za-z_][A-Za-z0-9_]*$/.test(word.raw) &&
      !cmd.doubleBracket &&
      cmd.assignmentMayFollow
    );
  }

  /**
   * What the next word is, past blanks and line ends, for `for NAME` at a line end: `in` (its list
   * follows), `do` (a loop over "$@"), or anything else (a comment, `in\`…), which this reader
   * does not follow.
   */
  #loopWordNext(): 'in' | 'do' | null {
    let k = this.#at + 1;
    while (this.#items[k] === ' ' || this.#items[k] === '\t' || this.#items[k] === '\n') k++;
    const after = this.#items[k + 2];
    if (!(after === undefined || after === ' ' || after === '\t' || after === '\n' || after === ';'))
      return null;
    const [first, second] = [this.#items[k], this.#items[k + 1]];
    if (first === 'i' && second === 'n') return 'in';
    return first === 'd' && second === 'o' ? 'do' : null;
  }

  #separator(frame: CommandFrame, char: string): void {
    const cmd = frame.cmd;
    this.#endWord(frame);
    this.#before = 'start';
    // Inside [[ … ]], && and || are part of the test.
    if (cmd.doubleBracket && char !== ';') {
      if (this.#peek() === char) this.#at++;
      return;
    }
    const next = this.#peek();
    if (char === '&' && next === '>') {
      this.#at++;
      this.#redirection(frame, '>');
      return;
    }
    if (char === '|' && next !== '|') {
      if (next === '&') this.#at++;
      this.#endCommand(frame, 'pipe');
      this.#awaitingCommand = true;
      return;
    }
    if (next === char || (char === ';' && next === '&')) this.#at++;
    if (char === ';' && (next === ';' || next === '&'))
      this.#lose('a case clause (;; or ;&) comes before it');
    this.#endCommand(frame, 'list');
    this.#awaitingCommand = char !== ';' && next === char;
  }

  #redirection(frame: CommandFrame, char: string): void {
    const cmd = frame.cmd;
    if (cmd.doubleBracket) {
      this.#endWord(frame);
      return;
    }
    // 2>file: the digits before the operator are a file descriptor, not a word; {name}>file and
    // {a[i]}>file name a variable bash stores the new descriptor in (evaluating the subscript).
    const word = cmd.word;
    if (word !== null && /^\{[A-Za-z_][A-Za-z0-9_]*(\[.*\])?\}$/s.test(word.raw)) {
      for (const { tag } of word.allTags) tag.refuseAll(reasons.descriptorName);
      cmd.word = null;
    } else if (word !== null && word.tags.length === 0 && /^\d+$/.test(word.raw)) cmd.word = null;
    else this.#endWord(frame);
    if (this.#peek() === '(') {
      // <(…) and >(…): a command whose output or input is a file name. What this command writes
      // to >(…) is read by that command, as a pipe would be; `exec 3> >(…)` keeps it for later.
      if (char === '>') {
        cmd.feedsProcess = true;
        if (cmd.words.some((w) => w.known && w.text === 'exec'))
          this.#lose(
            'exec sends later output to a process substitution >(…), which this check does not follow',
          );
      }
      this.#unknown();
      this.#push(commandFrame(')'));
      this.#at++;
      this.#before = 'start';
      return;
    }
    if (char === '<' && this.#peek() === '<' && this.#peek(2) !== '<') {
      // Followed at the top level only: there its body starts at the next line end.
      if (frame === this.#stack[0]) cmd.hereDocumentNext = { stripTabs: this.#peek(2) === '-' };
      else this.#lose(hereDocumentReasons.nested);
    }
    // The operator's own characters only (<<, <<<, <<-, <&, <>, >>, >&, >|): a - after <& or >&
    // is the target word (close the descriptor), and a | or & after that is the next operator.
    const next = this.#peek();
    const second = char === '<' ? ['&', '>'] : ['>', '&', '|'];
    if (char === '<' && next === '<') {
      this.#at++;
      if (this.#peek() === '<' || this.#peek() === '-') this.#at++;
    } else if (typeof next === 'string' && second.includes(next)) this.#at++;
    cmd.redirectNext = true;
    cmd.redirectInput = char === '<';
    cmd.readsInput ||= char === '<';
    this.#before = 'start';
  }

  #parenthesis(frame: CommandFrame, char: string): void {
    const cmd = frame.cmd;
    if (cmd.doubleBracket) {
      this.#endWord(frame);
      return;
    }
    if (char === '(') {
      // `for((…))` with no blank: the word for ends at the ( as it would at a blank.
      if (cmd.word?.raw === 'for' && cmd.word.tags.length === 0) this.#endWord(frame);
      // After if, do, {, time -p… too: `while :; do for ((…)); do …; done; done` is arithmetic.
      const expected = cmd.atStart || cmd.atForLoop;
      if (this.#peek() === '(') {
        // Elsewhere too, (( is arithmetic or a syntax error: `coproc p ((…))`, `f() ((…))`.
        if (!expected) this.#lose(reasons.parenthesis);
        this.#endWord(frame);
        this.#push({ kind: 'arithmetic', closer: '))', depth: 0 });
        this.#at++;
      } else if (cmd.atStart) {
        cmd.group = true;
        this.#push(commandFrame(')'));
      } else {
        this.#lose(reasons.parenthesis);
        this.#endWord(frame);
      }
      this.#before = 'start';
      return;
    }
    this.#endCommand(frame, 'list');
    if (frame.closer === ')' && this.#stack.length > 1) {
      this.#pop();
      this.#before = 'other';
    } else {
      this.#lose('an unmatched ) (a case pattern?) comes before it');
      this.#before = 'start';
    }
  }

  #endWord(frame: CommandFrame): void {
    const cmd = frame.cmd;
    const word = cmd.word;
    if (word === null) return;
    cmd.word = null;
    const glob = /[*?]|\[.*\]/.test(word.unquoted);
    const braces = /\{[^}]*(?:,|\.\.)[^}]*\}/.test(word.unquoted);
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?\+?=/.exec(word.raw);
    for (const tag of word.tags) {
      if (glob) tag.refuseQuoted(reasons.glob);
      if (braces) tag.refuseQuoted(reasons.braces);
    }
    const name = assignment?.[1] ?? '';
    const subscript = assignment?.[2] ?? '';
    for (const { tag, rawIndex } of word.allTags)
      if (subscript !== '' && rawIndex > name.length && rawIndex < name.length + subscript.length)
        tag.refuseAll(reasons.subscript);
    const isFirst = cmd.atStart;
    const text = word.text;
    cmd.addWord({
      text,
      known: word.known && !glob && !braces,
      expanded: word.expanded || glob || braces,
      redirect: word.redirect,
      assignment: assignment !== null,
      marked: word.marked,
    });
    cmd.wordTags.push(word.allTags.map(({ tag }) => tag));
    if (word.redirect && cmd.redirectInput) cmd.inputTags.push(...word.allTags.map(({ tag }) => tag));
    if (word.redirect && cmd.hereDocumentNext !== null) this.#hereDocument(frame, word);
    if (word.redirect) cmd.redirectNext = false;
    if (!word.known) return;
    if (isFirst && compoundOpeners.has(text)) {
      // The compound's commands form one stage of the pipeline around it: `done | sh`.
      frame.compounds.push({ tags: [], hereDocuments: [], reader: null, outer: frame.pipeline });
      frame.pipeline = [];
    } else if (isFirst && compoundClosers.has(text)) {
      const compound = frame.compounds.pop();
      if (compound !== undefined) {
        frame.pipeline = compound.outer;
        cmd.tags.push(...compound.tags);
        cmd.enclosedHereDocuments.push(...compound.hereDocuments);
        cmd.compoundReader = compound.reader;
      }
    } else if (isFirst && text === '[[') cmd.doubleBracket = true;
    else if (cmd.doubleBracket && text === ']]') cmd.doubleBracket = false;
    else if (isFirst && ['case', 'function', 'coproc', 'select'].includes(text))
      this.#lose(`${text} comes before it, which this check does not follow`);
  }

  /**
   * printf -v's variable is named in the template and is not one bash evaluates as arithmetic
   * (`printf -v OPTIND %s [#USERNAME#]` evaluates a user name `_`). bash reads every -v and sets
   * the last one's (`printf -v x -v OPTIND …`): each must name a plain variable, and none may be
   * built by an expansion.
   */
  #plainVariable(cmd: CommandBuilder): boolean {
    const args = cmd.words.filter((w) => !w.redirect);
    // An option an expansion builds or a tag completes (`-v$v`, `$o`) may name any variable.
    const options = args.flatMap((w, at) => (w.text.startsWith('-v') || w.expanded ? [at] : []));
    return (
      options.length > 0 &&
      options.every((at) => {
        const option = args[at];
        const name = option?.text === '-v' ? args[at + 1] : option;
        const text = option?.text === '-v' ? name?.text : option?.text.slice(2);
        return (
          option?.known === true &&
          !option.expanded &&
          name?.known === true &&
          !name.expanded &&
          text !== undefined &&
          !arithmeticAssignment.test(`${text}=`)
        );
      })
    );
  }

  /** The delimiter of a `<<`: bash takes it after quote removal, expanding nothing. */
  #hereDocument(frame: CommandFrame, word: WordBuilder): void {
    const cmd = frame.cmd;
    const stripTabs = cmd.hereDocumentNext?.stripTabs === true;
    cmd.hereDocumentNext = null;
    if (word.allTags.length > 0 || word.expanded || word.text === '') {
      for (const { tag } of word.allTags) tag.refuseAll(hereDocumentReasons.delimiterTag);
      this.#lose(hereDocumentReasons.delimiter);
      return;
    }
    const doc: HereDocument = {
      delimiter: word.text,
      quoted: /['"\\]/.test(word.raw),
      stripTabs,
      reader: null,
    };
    cmd.hereDocuments.push(doc);
    for (const compound of frame.compounds) compound.hereDocuments.push(doc);
    this.#hereDocuments.push(doc);
  }

  /**
   * A line end with here-documents pending: their bodies are the lines that follow. Followed
   * when the line end closes every command at the top level; otherwise the reading is lost.
   */
  #hereDocumentBodies(frame: CommandFrame): void {
    const docs = this.#hereDocuments;
    if (docs.length === 0) return;
    this.#hereDocuments = [];
    const open = frame !== this.#stack[0] || this.#awaitingCommand || frame.cmd.words.length > 0;
    if (open) {
      this.#lose(hereDocumentReasons.continued);
      return;
    }
    const { next, tags, lineStarts, lost } = readHereDocumentBodies(this.#items, this.#at + 1, docs);
    this.bodyLineStarts.push(...lineStarts);
    if (lost !== null) this.#lose(lost);
    for (const tag of tags) {
      if (this.#lost !== null) tag.refuseAll(this.#lost);
      for (const compound of frame.compounds) compound.tags.push(tag);
    }
    this.#at = next - 1;
  }

  #endCommand(frame: CommandFrame, how: 'pipe' | 'list'): void {
    const cmd = frame.cmd;
    this.#endWord(frame);
    frame.cmd = new CommandBuilder();
    if (cmd.words.length > 0 || cmd.group) {
      this.#awaitingCommand = false;
      const cls = classify(cmd);
      const sed = cls.kind === 'reparsed' ? cls.sed : undefined;
      const scriptTags = sed === undefined ? [] : (cmd.wordTags[cmd.words.indexOf(sed.script)] ?? []);
      for (const tag of cmd.tags) {
        const layer = sed?.layers[scriptTags.indexOf(tag)];
        // A value in sed's one s command: escaped for it, then quoted for the shell (sed-script.ts).
        if (layer !== undefined && scriptTags.length === sed?.layers.length) tag.inner = layer;
        else if (cls.kind === 'reparsed') tag.refuseQuoted(cls.reason);
        else if (cls.kind === 'evaluated') tag.refuseAll(cls.reason);
      }
      // eval reads its words again in this shell: a value lands wherever their text puts it,
      // arithmetic too (`eval 'echo $(( [#USERNAME#] ))'`).
      if (cls.kind === 'reparsed' && cls.name === 'eval')
        for (const tag of cmd.tags) tag.refuseAll(cls.reason);
      if (cls.name === 'printf -v' && !this.#plainVariable(cmd))
        for (const tag of cmd.tags) tag.refuseAll(reasons.integerVariable);
      for (const i of assignmentIndexes(cmd.words))
        for (const tag of cmd.wordTags[i] ?? []) {
          tag.refuseQuoted(reasons.assignment);
          if (arithmeticAssignment.test(cmd.words[i]?.text ?? '')) tag.refuseAll(reasons.integerVariable);
        }
      const loop = forLoopWords(cmd.words);
      if (loop !== null) {
        for (const tag of cmd.wordTags[loop.name] ?? []) tag.refuseAll(reasons.loopName);
        const integer = arithmeticAssignment.test(`${cmd.words[loop.name]?.text ?? ''}=`);
        for (const tags of cmd.wordTags.slice(loop.list))
          for (const tag of tags) {
            tag.refuseQuoted(reasons.loopList);
            if (integer) tag.refuseAll(reasons.integerVariable);
          }
      }
      // In a subshell too ($(…), ( … )): what it defines holds for the rest of it.
      const readsTerminal = frame === this.#stack[0] && frame.pipeline.length === 0;
      // Every command string is read for its tags' refusals, whatever decides the reading lost.
      const strings = new Map<string, boolean>();
      const readString: CommandStringReader = (text, source, bash) => {
        const at = source.map((word) => cmd.words.indexOf(word));
        // The words are in the key: the same text from other words (`su -c '…' -c '…'`) holds
        // other tags, each refused where its place asks.
        const key = JSON.stringify([bash, at, text]);
        const known = strings.get(key);
        if (known !== undefined) return known;
        const tags = at.flatMap((i) => cmd.wordTags[i] ?? []);
        const loses = commandStringLoses(text, tags, bash);
        strings.set(key, loses);
        return loses;
      };
      for (const string of commandStringsOf(cmd.words, cls))
        readString(string.text, string.source, string.bash);
      const lost = whyReadingIsLost(cmd.words, cls, cmd.readsInput, readsTerminal, readString);
      if (lost !== null) this.#lose(lost);
      // `exec < f` with no command: the shell itself reads its next commands from f. A redirection's
      // target named exec (`(cat) < exec`, `< exec`) is a file, not the builtin.
      const bareExec =
        cls.kind === 'plain' &&
        cls.name === '' &&
        cmd.words.some((w) => w.known && !w.redirect && w.text === 'exec');
      if (bareExec && cmd.readsInput) this.#lose(reasons.execInput);
      const runsInput = bareExec ? 'the shell itself (exec without a command)' : codeReader(cmd, cls);
      // What a group, a compound or a shell reads: `(sh) <<< [#X#]`, `{ sh; } < <(…)`.
      const inputReader = runsInput ?? cmd.compoundReader;
      // source reading its input runs it in this shell: a value lands wherever the text puts it.
      if (cls.name === 'source' || cls.name === '.')
        for (const tag of cmd.inputTags) tag.refuseAll(lostReasons.redefines);
      if (inputReader !== null)
        for (const tag of cmd.inputTags)
          tag.refuseQuoted(`is fed to the input of ${inputReader}, which can run what it reads as code`);
      // A body is that command's input: code to a shell, an interpreter, awk's system, sed e…
      for (const doc of cmd.hereDocuments) doc.reader = inputReader;
      const hereDocuments = [...cmd.hereDocuments, ...cmd.enclosedHereDocuments];
      if (cmd.hereDocumentNext !== null) this.#lose(hereDocumentReasons.delimiter);
      const reader = cmd.feedsProcess
        ? 'a process substitution >(…)'
        : (codeReader(cmd, cls) ?? cmd.compoundReader);
      if (cmd.feedsProcess) {
        for (const tag of cmd.tags)
          tag.refuseQuoted(
            'is in a command whose output goes to a process substitution >(…), which can run what it reads as code',
          );
        for (const doc of hereDocuments) doc.reader ??= 'a process substitution >(…)';
      }
      for (const compound of frame.compounds) compound.reader ??= reader;
      frame.pipeline.push({ reader, tags: cmd.tags, hereDocuments });
    }
    if (how === 'list') this.#endPipeline(frame);
  }

  /** `printf %s [#X#] | sh`: a value piped into a command that runs what it reads. */
  #endPipeline(frame: CommandFrame): void {
    const stages = frame.pipeline;
    frame.pipeline = [];
    // From the last stage back: the first reader after a stage is the one its output reaches.
    let name: string | null = null;
    for (let index = stages.length - 1; index >= 0; index--) {
      const stage = stages[index];
      if (stage === undefined) continue;
      if (name !== null) {
        for (const tag of stage.tags)
          tag.refuseQuoted(
            `is piped into ${name}, which can run what it reads as code (quoting does not hold there)`,
          );
        for (const doc of stage.hereDocuments) doc.reader ??= name;
      }
      name = stage.reader ?? name;
    }
  }
}

/**
 * The text of backticks, read again as bash does when it runs it: a tag there is refused as its
 * place inside asks (arithmetic, ${…}, a command that evaluates names), besides the backticks'
 * own refusal of quoted values. Its place in the outer word (for a subscript) is kept. Returns why
 * the reading was lost there (a shell started in it reads the terminal, as one in $(…) does), or
 * null.
 */
function readBackticks(text: readonly Item[]): string | null {
  const tags = text.filter((item): item is Placement => item instanceof Placement);
  const outer = tags.map((tag) => ({ rawIndex: tag.rawIndex, wordStart: tag.wordStart }));
  const reader = new ShellReader();
  reader.read(text);
  tags.forEach((tag, index) => {
    tag.context = 'backticks';
    tag.freshCommand = false;
    tag.rawIndex = outer[index]?.rawIndex ?? tag.rawIndex;
    // A leading - is an option to the command inside, or the start of the outer word.
    tag.wordStart ||= outer[index]?.wordStart ?? false;
  });
  return reader.lost;
}

/** Command strings within command strings (`su -c "ssh h sh -c '…'"`) are read this deep. */
const maxNesting = 3;
let nesting = 0;

/**
 * bash's own syntax, which another shell reading a command string splits otherwise: dash runs
 * `sh` in `[[ x || sh ]]` and `(( 1 || sh ))`, reads `&>` as `&` then `>`, `<<<` as a
 * here-document, `$'…'` as `$` then '…'.
 */
const bashOnly = /\[\[|(?<!\$)\(\(|&>|<<<|\$'/;

/** A trap in a command string: the shell that runs it exits right after, and EXIT runs it then. */
const trapWord = /(?:^|[\s;&|(`])trap(?:\s|$)/;

/**
 * Whether the shell a command hands a string to (`su -c '…'`, ssh's joined words, `sudo -s …`)
 * would start a shell or lose the reading there, as this reader would on a typed line (see
 * shell-settings.ts CommandStringReader). Its tags are NULs, `outer` the placements they stand
 * for: each is refused for every value where its place in the string asks it (`$(( [#X#] ))`).
 */
export function commandStringLoses(text: string, outer: readonly Placement[], bash: boolean): boolean {
  if (nesting >= maxNesting) {
    for (const tag of outer) tag.refuseAll(lostReasons.parsing);
    return true;
  }
  const tags: Placement[] = [];
  const items = Array.from(text, (c): Item => {
    if (c !== tagMarker) return c;
    const tag = new Placement(-1);
    tags.push(tag);
    return tag;
  });
  const reader = new ShellReader();
  nesting++;
  try {
    // Ended as a typed line is: a shell started by its last command reads on as one typed there.
    reader.read([...items, '\n']);
  } finally {
    nesting--;
  }
  tags.forEach((tag, i) => {
    if (tag.refusedForAll !== null) outer[i]?.refuseAll(tag.refusedForAll);
  });
  return reader.lost !== null || trapWord.test(text) || (!bash && bashOnly.test(text));
}

/**
 * Reads a stream of lines; a typed line (null) starts a fresh reader. Returns the lines that start
 * inside a here-document's body, where no command starts.
 */
export function readStream(lines: readonly (readonly Item[] | null)[]): Set<readonly Item[]> {
  const inBodies = new Set<readonly Item[]>();
  let chunk: Item[] = [];
  /** The lines of the chunk, each at its start in it. */
  let starts: { line: readonly Item[]; at: number }[] = [];
  for (const line of [...lines, null]) {
    if (line === null) {
      const reader = new ShellReader();
      reader.read(chunk);
      const bodyStarts = new Set(reader.bodyLineStarts);
      for (const { line: read, at } of starts) if (bodyStarts.has(at)) inBodies.add(read);
      chunk = [];
      starts = [];
    } else {
      starts.push({ line, at: chunk.length });
      chunk.push(...line);
    }
  }
  return inBodies;
}
