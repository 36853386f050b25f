/**
 * Masks passwords typed into SQL (for the console's transcript), for PostgreSQL and MySQL/MariaDB
 * forms alike. The text is scanned for what the servers read as literals ('…' with '' or \ escapes,
 * E'…', U&'…', N'…', "…", $tag$…$tag$) and comments (-- to a newline or carriage return, slash-star blocks; not
 * MySQL's #, an operator in PostgreSQL that must not hide a PASSWORD after it), so that a keyword
 * inside a literal is no keyword, and a comment or a parenthesis between a keyword and its literal
 * hides nothing. The literal that follows PASSWORD, and in statements saying IDENTIFIED the one that
 * follows BY, USING or AS, is masked; in SET PASSWORD, every literal after its `=` is.
 */

interface Token {
  readonly kind: 'literal' | 'word' | 'comment' | 'space' | 'other';
  readonly start: number;
  readonly end: number;
  /** For a literal: where its body starts and ends (between the quotes or tags). */
  readonly body?: readonly [number, number];
}

const mask = '******';

export function maskTypedPasswords(sql: string): string {
  const tokens = scan(sql);
  const words = tokens.filter((t) => t.kind === 'word').map((t) => sql.slice(t.start, t.end).toUpperCase());
  const identified = words.includes('IDENTIFIED');
  const setPassword = words[0] === 'SET' && words[1] === 'PASSWORD';
  const masked = new Set<Token>();
  let afterEquals = false;
  tokens.forEach((token, i) => {
    if (token.kind === 'literal' && setPassword && afterEquals) masked.add(token);
    if (token.kind === 'other' && sql[token.start] === '=') afterEquals = true;
    if (token.kind !== 'word') return;
    const word = sql.slice(token.start, token.end).toUpperCase();
    if (word !== 'PASSWORD' && !(identified && (word === 'BY' || word === 'USING' || word === 'AS'))) return;
    for (const next of tokens.slice(i + 1)) {
      if (next.kind === 'space' || next.kind === 'comment') continue;
      if (next.kind === 'other' && (sql[next.start] === '(' || sql[next.start] === '=')) continue;
      if (next.kind === 'literal') masked.add(next);
      break;
    }
  });
  let out = '';
  let at = 0;
  for (const token of tokens) {
    if (!masked.has(token) || !token.body) continue;
    out += sql.slice(at, token.body[0]) + mask;
    at = token.body[1];
  }
  return out + sql.slice(at);
}

/** What ends a -- comment (searched from its start: no copy of the rest per comment). */
const lineEnd = /[\n\r]/g;

function scan(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const start = i;
    const c = sql[i] ?? '';
    const rest = sql.slice(i, i + 3);
    if (/\s/.test(c)) {
      while (i < sql.length && /\s/.test(sql[i] ?? '')) i++;
      tokens.push({ kind: 'space', start, end: i });
    } else if (rest.startsWith('--')) {
      // PostgreSQL ends it at a carriage return too (MySQL only at a newline: there the text after
      // a \r is comment, and a literal in it masked for nothing, the safe side).
      lineEnd.lastIndex = i;
      i = lineEnd.exec(sql)?.index ?? sql.length;
      tokens.push({ kind: 'comment', start, end: i });
    } else if (rest.startsWith('/*')) {
      const close = sql.indexOf('*/', i + 2);
      i = close === -1 ? sql.length : close + 2;
      tokens.push({ kind: 'comment', start, end: i });
    } else if (c === "'" || c === '"') {
      i = quoted(sql, i);
      tokens.push({ kind: 'literal', start, end: i, body: [start + 1, Math.max(start + 1, i - 1)] });
    } else if (/^(?:[EeNnBbXx]'|[Uu]&')/.test(rest)) {
      const quote = sql.indexOf("'", i);
      i = quoted(sql, quote);
      tokens.push({ kind: 'literal', start, end: i, body: [quote + 1, Math.max(quote + 1, i - 1)] });
    } else if (c === '$' && /^\$[A-Za-z_]?[A-Za-z0-9_]*\$/.test(sql.slice(i))) {
      const tag = /^\$[A-Za-z_]?[A-Za-z0-9_]*\$/.exec(sql.slice(i))?.[0] ?? '$$';
      const close = sql.indexOf(tag, i + tag.length);
      i = close === -1 ? sql.length : close + tag.length;
      const bodyEnd = close === -1 ? sql.length : close;
      tokens.push({ kind: 'literal', start, end: i, body: [start + tag.length, bodyEnd] });
    } else if (/[A-Za-z_]/.test(c)) {
      while (i < sql.length && /[A-Za-z0-9_$]/.test(sql[i] ?? '')) i++;
      tokens.push({ kind: 'word', start, end: i });
    } else {
      i++;
      tokens.push({ kind: 'other', start, end: i });
    }
  }
  return tokens;
}

/** The end (after the closing quote) of the literal whose opening quote is at `open`. */
function quoted(sql: string, open: number): number {
  const quote = sql[open];
  let i = open + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (c === '\\') i += 2;
    else if (c === quote && sql[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i++;
  }
  return sql.length;
}
