import { isWhitespace, tagLengthAt, TokenList, type Lexed, type SqlToken } from '../tag-engine/sql';

/**
 * MySQL/MariaDB lexical rules (default sql_mode), as far as they decide where a statement ends and
 * what context a tag is in: '…' and "…" strings (backslash escapes, doubled quote), `…` identifiers
 * (doubled backtick), X'…'/B'…' literals, # and "-- " line comments, block comments (not nested),
 * and executable comments (slash-star-! and slash-star-M-!) and hints (slash-star-+), which the
 * server runs. A bare [#TAG#] in code is a tag token. Quoted parts around an `@` are the user and
 * host of an account name.
 */
export function lexMysql(text: string): Lexed {
  const list = new TokenList();
  let i = 0;
  while (i < text.length) {
    const next = lexAt(text, i, list);
    i = next > i ? next : i + 1;
  }
  return { tokens: markAccountNames(text, list.tokens), problems: list.problems };
}

const isIdentChar = (char: string | undefined): boolean =>
  char !== undefined && (/[A-Za-z0-9_$]/.test(char) || char.charCodeAt(0) >= 0x80);

function push(list: TokenList, token: SqlToken): number {
  list.push(token);
  return token.end;
}

function lexAt(text: string, i: number, list: TokenList): number {
  const char = text[i];
  const tagLength = tagLengthAt(text, i);
  if (tagLength > 0) return push(list, { kind: 'tag', start: i, end: i + tagLength });
  if (char === ';') return push(list, { kind: 'separator', start: i, end: i + 1 });
  if (isWhitespace(char)) {
    list.plain(i, i + 1, true);
    return i + 1;
  }
  // "--" starts a comment only when a space or control character (or the end) follows it.
  const afterDashes = text.charCodeAt(i + 2);
  if (
    char === '#' ||
    (char === '-' && text[i + 1] === '-' && (Number.isNaN(afterDashes) || afterDashes <= 32))
  ) {
    const end = text.indexOf('\n', i);
    return push(list, { kind: 'comment', start: i, end: end === -1 ? text.length : end, label: 'a comment' });
  }
  if (char === '/' && text[i + 1] === '*') return blockComment(text, i, list);
  if (char === "'" || char === '"') return quoted(text, i, i, list, { kind: 'string', quote: char });
  if (char === '`') return quoted(text, i, i, list, { kind: 'identifier', quote: '`' });
  const upper = char?.toUpperCase();
  if ((upper === 'X' || upper === 'B') && text[i + 1] === "'" && !isIdentChar(text[i - 1])) {
    return quoted(text, i, i + 1, list, { kind: 'opaque', quote: "'", label: 'a hex or bit literal' });
  }
  list.plain(i, i + 1, false);
  return i + 1;
}

/** A quoted token; in strings a backslash escapes the next character, in identifiers it does not. */
function quoted(
  text: string,
  start: number,
  quoteAt: number,
  list: TokenList,
  token: Omit<SqlToken, 'start' | 'end'> & { quote: string },
): number {
  const backslashes = token.quote !== '`';
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

function blockComment(text: string, i: number, list: TokenList): number {
  const executable =
    text[i + 2] === '!' || text[i + 2] === '+' || (text[i + 2] === 'M' && text[i + 3] === '!');
  const close = text.indexOf('*/', i + 2);
  const end = close === -1 ? text.length : close + 2;
  if (close === -1) list.problem(i, 'Unterminated comment: no closing */');
  return push(
    list,
    executable
      ? { kind: 'opaque', start: i, end, label: 'an executable comment' }
      : { kind: 'comment', start: i, end, label: 'a comment' },
  );
}

/** 'user'@'host': a quoted token right before or right after an `@` (spaces allowed around it). */
function markAccountNames(text: string, tokens: readonly SqlToken[]): SqlToken[] {
  const significant = (from: number, step: 1 | -1): SqlToken | undefined => {
    for (let k = from; k >= 0 && k < tokens.length; k += step) {
      const token = tokens[k];
      if (token?.kind !== 'space') return token;
    }
    return undefined;
  };
  return tokens.map((token, k) => {
    if (token.kind !== 'string' && token.kind !== 'identifier') return token;
    const before = significant(k - 1, -1);
    const after = significant(k + 1, 1);
    const atBefore = before?.kind === 'code' && text.slice(before.start, before.end).endsWith('@');
    const atAfter = after?.kind === 'code' && text[after.start] === '@';
    return atBefore || atAfter ? { ...token, place: 'account' } : token;
  });
}
