import { isWhitespace, tagLengthAt, TokenList, type Lexed, type SqlToken } from '../tag-engine/sql';

/**
 * PostgreSQL's lexical rules, as far as they decide where a statement ends and what context a tag
 * is in: '…' strings (quote doubled; backslash is literal with standard_conforming_strings on),
 * E'…' strings (backslash escapes), U&'…' and U&"…", B'…' and X'…', "…" identifiers, $tag$…$tag$
 * dollar quotes, -- line comments and (nested) block comments. A bare [#TAG#] in code is a tag token.
 */
export function lexPostgres(text: string): Lexed {
  const list = new TokenList();
  let i = 0;
  while (i < text.length) {
    const next = lexAt(text, i, list);
    i = next > i ? next : i + 1;
  }
  return { tokens: list.tokens, problems: list.problems };
}

/** Identifier characters: a quote prefix or a `$` right after one of these is part of a name. */
const isIdentChar = (char: string | undefined): boolean =>
  char !== undefined && (/[A-Za-z0-9_$]/.test(char) || char.charCodeAt(0) >= 0x80);

/**
 * Whether the characters before `i` end a name, so that a `$` or a quote prefix at `i` is part of
 * it (`a$b$`, `abcE'`). Digits alone are a number, which nothing continues: PostgreSQL reads
 * `1$$x$$` as 1 and a dollar quote, and (before version 15) `1E'x'` as 1 and an E'…' string (15
 * and later refuse both). Only the digits are stepped over: linear over the whole text.
 */
function continuesName(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && /[0-9]/.test(text.charAt(j))) j--;
  // $1 (a parameter) is no name either: `$1$$x$$` is the parameter and a dollar quote.
  if (j < i - 1 && text[j] === '$' && !isIdentChar(text[j - 1])) return false;
  return isIdentChar(text[j]);
}

/** Lexes the token at `i`, pushes it, returns where the next one starts. */
function lexAt(text: string, i: number, list: TokenList): number {
  const char = text[i];
  const tagLength = tagLengthAt(text, i);
  if (tagLength > 0) return push(list, { kind: 'tag', start: i, end: i + tagLength });
  if (char === ';') return push(list, { kind: 'separator', start: i, end: i + 1 });
  if (isWhitespace(char)) {
    list.plain(i, i + 1, true);
    return i + 1;
  }
  if (char === '-' && text[i + 1] === '-') {
    return push(list, { kind: 'comment', start: i, end: lineCommentEnd(text, i), label: 'a comment' });
  }
  if (char === '/' && text[i + 1] === '*') return blockComment(text, i, list);
  if (char === "'") return quoted(text, i, i, list, { kind: 'string', quote: "'" });
  if (char === '"') return quoted(text, i, i, list, { kind: 'identifier', quote: '"' });
  if (char === '$') {
    const dollar = dollarQuote(text, i, list);
    if (dollar > 0) return dollar;
  }
  // Only a prefix letter asks whether it continues a name (asked at every character, the step
  // back over digits made a long number quadratic).
  if (/[EeNnBbXxUu]/.test(char ?? '') && !continuesName(text, i)) {
    const prefixed = prefixedLiteral(text, i, list);
    if (prefixed > 0) return prefixed;
  }
  list.plain(i, i + 1, false);
  return i + 1;
}

/** PostgreSQL ends a -- comment at a carriage return as at a newline (scan.l's non_newline). */
const lineEnd = /[\n\r]/g;

/**
 * Where the -- comment starting at `i` ends: its line end, or the end of the text. Searched from `i`
 * without copying the rest, so that many comment lines stay linear.
 */
export function lineCommentEnd(text: string, i: number): number {
  lineEnd.lastIndex = i;
  return lineEnd.exec(text)?.index ?? text.length;
}

function push(list: TokenList, token: SqlToken): number {
  list.push(token);
  return token.end;
}

/** E'…', N'…', B'…', X'…', U&'…', U&"…": the letter(s) are part of the literal's token. */
function prefixedLiteral(text: string, i: number, list: TokenList): number {
  const char = text[i]?.toUpperCase();
  const quoteAt = text[i + 1] === "'" ? i + 1 : -1;
  if (char === 'E' && quoteAt > 0) {
    return quoted(text, i, quoteAt, list, { kind: 'opaque', quote: "'", label: "an E'…' string" }, true);
  }
  if (char === 'N' && quoteAt > 0) return quoted(text, i, quoteAt, list, { kind: 'string', quote: "'" });
  if ((char === 'B' || char === 'X') && quoteAt > 0) {
    return quoted(text, i, quoteAt, list, { kind: 'opaque', quote: "'", label: 'a bit-string literal' });
  }
  if (char === 'U' && text[i + 1] === '&' && (text[i + 2] === "'" || text[i + 2] === '"')) {
    const quote = text[i + 2] ?? "'";
    return quoted(text, i, i + 2, list, { kind: 'opaque', quote, label: `a U&${quote}…${quote} literal` });
  }
  return 0;
}

/**
 * A quoted token from `start` (its prefix, if any) whose opening quote is at `quoteAt`. A doubled
 * quote stands for itself; with `backslashes`, a backslash escapes the next character.
 */
function quoted(
  text: string,
  start: number,
  quoteAt: number,
  list: TokenList,
  token: Omit<SqlToken, 'start' | 'end'> & { quote: string },
  backslashes = false,
): number {
  let j = quoteAt + 1;
  while (j < text.length) {
    const char = text[j];
    if (backslashes && char === '\\') {
      j += 2;
    } else if (char === token.quote) {
      if (text[j + 1] !== token.quote) return push(list, { ...token, start, end: j + 1 });
      j += 2;
    } else {
      j++;
    }
  }
  const what = token.kind === 'identifier' ? 'quoted identifier' : 'string';
  list.problem(start, `Unterminated ${what}: no closing ${token.quote}`);
  return push(list, { ...token, start, end: text.length });
}

/** Block comments (slash-star … star-slash) nest in PostgreSQL. */
function blockComment(text: string, i: number, list: TokenList): number {
  const end = blockCommentEnd(text, i);
  if (end >= 0) return push(list, { kind: 'comment', start: i, end, label: 'a comment' });
  list.problem(i, 'Unterminated comment: no closing */');
  return push(list, { kind: 'comment', start: i, end: text.length, label: 'a comment' });
}

/**
 * Where the block comment that opens at `i` ends (just past its closing star and slash; they nest,
 * as PostgreSQL's do), or -1 when it is never closed. Also what session-state.ts skips before a statement's first word.
 */
export function blockCommentEnd(text: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < text.length) {
    if (text[j] === '/' && text[j + 1] === '*') {
      depth++;
      j += 2;
    } else if (text[j] === '*' && text[j + 1] === '/') {
      depth--;
      j += 2;
      if (depth === 0) return j;
    } else {
      j++;
    }
  }
  return -1;
}

const dollarTag = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

/** $$…$$ or $name$…$name$; 0 when the `$` does not open one ($1 parameters, names with $). */
function dollarQuote(text: string, i: number, list: TokenList): number {
  if (continuesName(text, i)) return 0;
  const delimiter = dollarTag.exec(text.slice(i, i + 70))?.[0];
  if (delimiter === undefined) return 0;
  const close = text.indexOf(delimiter, i + delimiter.length);
  const label = 'a dollar-quoted string';
  if (close === -1) {
    list.problem(i, `Unterminated dollar-quoted string: no closing ${delimiter}`);
    return push(list, { kind: 'opaque', start: i, end: text.length, label });
  }
  return push(list, { kind: 'opaque', start: i, end: close + delimiter.length, label });
}
