/**
 * Where each tag sits in a shell command line, read the way a POSIX shell reads the template's
 * text: outside quotes, inside '…', "…", `…`, ${…} or $((…)), at the start of a word or not,
 * and whether an earlier word of the same command hands its arguments to a second shell.
 * Only what decides how a value may be inserted is tracked; the template's text is never run
 * through this to build anything.
 */
import type { Segment } from './tag-segments';

export type QuoteContext = 'unquoted' | 'single-quotes' | 'double-quotes' | 'backticks' | 'expansion';

export interface TagPlacement {
  /** Index of the tag in the segment list. */
  readonly segment: number;
  readonly context: QuoteContext;
  /** The tag begins a shell word (a leading `-` in its value would read as an option). */
  readonly wordStart: boolean;
  /** An earlier word of this command re-parses its arguments as shell code (sh -c, su, ssh, eval). */
  readonly reparsed: boolean;
}

/**
 * Commands that join their arguments into a string a second shell parses again: quoting for
 * our shell would be undone there. Best effort: the list names the common ones.
 */
const reparsingCommands = new Set([
  'eval',
  'sh',
  'bash',
  'dash',
  'zsh',
  'ksh',
  'mksh',
  'csh',
  'tcsh',
  'fish',
  'su',
  'runuser',
  'ssh',
  'xargs',
  'watch',
  'parallel',
  'at',
  'batch',
]);

type Frame = 'top' | 'command-substitution' | 'single' | 'double' | 'backtick' | 'brace' | 'arithmetic';

const wordBreak = new Set([' ', '\t', ';', '|', '&', '(', ')', '<', '>']);
const commandSeparator = new Set([';', '|', '&', '(', ')']);

function contextOf(frame: Frame): QuoteContext {
  switch (frame) {
    case 'top':
    case 'command-substitution':
      return 'unquoted';
    case 'single':
      return 'single-quotes';
    case 'double':
      return 'double-quotes';
    case 'backtick':
      return 'backticks';
    case 'brace':
    case 'arithmetic':
      return 'expansion';
  }
}

class ShellLexer {
  readonly #stack: Frame[] = ['top'];
  #word = '';
  #wordHasTag = false;
  #wordStart = true;
  #reparsed = false;

  get frame(): Frame {
    return this.#stack[this.#stack.length - 1] ?? 'top';
  }

  get unquoted(): boolean {
    return this.frame === 'top' || this.frame === 'command-substitution';
  }

  placement(segment: number): TagPlacement {
    return { segment, context: contextOf(this.frame), wordStart: this.#wordStart, reparsed: this.#reparsed };
  }

  /** A tag's value is part of the current word but never names a command. */
  tag(): void {
    this.#wordHasTag = true;
    this.#wordStart = false;
  }

  #endWord(): void {
    if (!this.#wordHasTag && this.#word !== '') {
      const name =
        this.#word
          .replace(/['"\\]/g, '')
          .split('/')
          .pop() ?? '';
      if (reparsingCommands.has(name)) this.#reparsed = true;
    }
    this.#word = '';
    this.#wordHasTag = false;
  }

  /** Feeds literal template text; returns nothing, the state is read at the next tag. */
  text(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const char = text.charAt(i);
      const rest = text.slice(i);
      switch (this.frame) {
        case 'top':
        case 'command-substitution':
          i += this.#unquotedChar(char, rest);
          break;
        case 'single':
          if (char === "'") this.#stack.pop();
          break;
        case 'double':
          i += this.#doubleQuotedChar(char, rest);
          break;
        case 'backtick':
          if (char === '\\') i++;
          else if (char === '`') this.#stack.pop();
          break;
        case 'brace':
          if (char === '}') this.#stack.pop();
          break;
        case 'arithmetic':
          if (rest.startsWith('))')) {
            this.#stack.pop();
            i++;
          }
          break;
      }
    }
  }

  /** Returns how many extra characters were consumed. */
  #openExpansion(rest: string): number {
    if (rest.startsWith('$((')) {
      this.#stack.push('arithmetic');
      return 2;
    }
    if (rest.startsWith('$(')) {
      // A new command begins: its first word is a word start, and no re-parser is in it yet.
      this.#stack.push('command-substitution');
      this.#word = '';
      this.#wordStart = true;
      return 1;
    }
    if (rest.startsWith('${')) {
      this.#stack.push('brace');
      return 1;
    }
    return 0;
  }

  #unquotedChar(char: string, rest: string): number {
    if (wordBreak.has(char)) {
      this.#endWord();
      if (commandSeparator.has(char)) this.#reparsed = false;
      if (char === ')' && this.frame === 'command-substitution') this.#stack.pop();
      this.#wordStart = true;
      return 0;
    }
    this.#wordStart = false;
    this.#word += char;
    if (char === '\\') {
      this.#word += rest.charAt(1);
      return 1;
    }
    if (char === "'") this.#stack.push('single');
    else if (char === '"') this.#stack.push('double');
    else if (char === '`') this.#stack.push('backtick');
    else if (char === '$') return this.#openExpansion(rest);
    return 0;
  }

  #doubleQuotedChar(char: string, rest: string): number {
    if (char === '\\') return 1;
    if (char === '"') this.#stack.pop();
    else if (char === '`') this.#stack.push('backtick');
    else if (char === '$') return this.#openExpansion(rest);
    return 0;
  }
}

/** The placement of every tag segment of one command line, in order. */
export function placeTags(segments: readonly Segment[]): TagPlacement[] {
  const lexer = new ShellLexer();
  const placements: TagPlacement[] = [];
  segments.forEach((segment, index) => {
    if (segment.kind === 'text') {
      lexer.text(segment.text);
    } else {
      placements.push(lexer.placement(index));
      lexer.tag();
    }
  });
  return placements;
}
