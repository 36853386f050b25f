/**
 * The token model both SQL tokenizers (postgresql/sql-lexer.ts, mysql/sql-lexer.ts) produce. The
 * tokenizer decides the context of every character, so it is what decides how a tag is escaped.
 */
export type SqlTokenKind =
  /** Keywords, names, operators, numbers: text that is SQL syntax. */
  | 'code'
  /** Whitespace between tokens. */
  | 'space'
  /** A bare `[#TAG#]` in code: an identifier position. */
  | 'tag'
  /** A string literal whose content we know how to escape; `quote` is its delimiter. */
  | 'string'
  /** A quoted identifier; `quote` is its delimiter. */
  | 'identifier'
  /** A comment: dropped at the edges of a statement; tags are refused inside. */
  | 'comment'
  /**
   * Text sent as it is but whose escaping we do not prove (PostgreSQL E'…', U&'…', dollar quotes,
   * bit/hex literals; MySQL executable comments): tags are refused inside.
   */
  | 'opaque'
  /** `;` between statements. */
  | 'separator';

export interface SqlToken {
  readonly kind: SqlTokenKind;
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  /** string and identifier: the delimiter (', ", `). */
  readonly quote?: string;
  /** comment and opaque: what it is, for messages ("a dollar-quoted string"). */
  readonly label?: string;
  /** string and identifier: what the quoted text names, when the dialect can tell. */
  readonly place?: SqlPlace;
}

/**
 * `account`: MySQL's 'user'@'host' parts, which the server stores in CHAR columns that drop
 * trailing spaces ('root ' would name root). `literal`: anything else.
 */
export type SqlPlace = 'literal' | 'account';

/** Something the tokenizer could not close: an unterminated quote or comment. */
export interface LexProblem {
  readonly offset: number;
  readonly message: string;
}

export interface Lexed {
  readonly tokens: readonly SqlToken[];
  readonly problems: readonly LexProblem[];
}

export type SqlLexer = (text: string) => Lexed;

/** Builds the token list; runs of plain characters become one code or space token. */
export class TokenList {
  readonly tokens: SqlToken[] = [];
  readonly problems: LexProblem[] = [];

  push(token: SqlToken): void {
    const last = this.tokens.at(-1);
    // Merge runs of one plain kind, so a statement is a handful of tokens, not one per character.
    if (last?.end === token.start && last.kind === token.kind && isPlain(token.kind)) {
      this.tokens[this.tokens.length - 1] = { kind: last.kind, start: last.start, end: token.end };
      return;
    }
    this.tokens.push(token);
  }

  plain(start: number, end: number, whitespace: boolean): void {
    this.push({ kind: whitespace ? 'space' : 'code', start, end });
  }

  problem(offset: number, message: string): void {
    this.problems.push({ offset, message });
  }
}

const isPlain = (kind: SqlTokenKind): boolean => kind === 'code' || kind === 'space';

export const isWhitespace = (char: string | undefined): boolean =>
  char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\f' || char === '\v';

/** A `[#NAME#]` starting at `index` (the shared tag pattern, anchored), or its length 0. */
export function tagLengthAt(text: string, index: number): number {
  if (text[index] !== '[' || text[index + 1] !== '#') return 0;
  const match = /^\[#[A-Z0-9_]+#\]/.exec(text.slice(index, index + 80));
  return match?.[0].length ?? 0;
}
