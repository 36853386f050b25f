/**
 * Masks passwords typed into SQL (for the console's transcript), for PostgreSQL and MySQL/MariaDB
 * alike. A text that names a password anywhere (see `secretWords`: PASSWORD, IDENTIFIED BY,
 * MASTER_PASSWORD=, a connection string's password=, crypt() and the encrypt functions) has every
 * literal masked. Which literal is the secret is grammar this does not follow (REPLACE 'old',
 * strings PostgreSQL joins across a newline, OPTIONS lists, a function's arguments); a quoted user
 * or host masked with it costs the transcript little, a password left would cost much.
 *
 * Where a literal starts and ends depends on the server and its settings: a backslash escapes in
 * MySQL and not in PostgreSQL (unless standard_conforming_strings is off, or MySQL's
 * NO_BACKSLASH_ESCAPES is on); PostgreSQL ends a -- comment at a carriage return, MySQL only at a
 * newline, and only after "-- "; # starts a comment in MySQL only; PostgreSQL nests block comments
 * and has dollar quotes; MySQL runs what is inside /*! … *\/. So the text is read each of those
 * ways, and what any reading takes for a literal is masked.
 */

/** Words that make every literal of the text masked (matched anywhere, in any case). */
const secretWords = /password|passwd|identified|crypt|secret/i;

const mask = '******';

/** One way a server may read the text. */
interface Reading {
  /** A backslash escapes the next character inside '…' and "…". */
  readonly backslash: boolean;
  /** What ends a -- comment (global: its lastIndex is set before each search, so readings share it). */
  readonly lineEnd: RegExp;
  /** -- starts a comment only before whitespace or a control character, or at the end (MySQL). */
  readonly dashNeedsSpace: boolean;
  /** # starts a comment to the newline (MySQL). */
  readonly hashComments: boolean;
  /** Block comments nest (PostgreSQL). */
  readonly nestedBlocks: boolean;
  /** $tag$…$tag$ quotes (PostgreSQL). */
  readonly dollarQuotes: boolean;
  /** The inside of /*! … *\/ and /*M! … *\/ is code (MySQL, MariaDB). */
  readonly executableComments: boolean;
  /** `…` quotes an identifier (MySQL): a quote inside it opens nothing. */
  readonly backticks: boolean;
}

const postgres: Reading = {
  backslash: false,
  lineEnd: /[\n\r]/g,
  dashNeedsSpace: false,
  hashComments: false,
  nestedBlocks: true,
  dollarQuotes: true,
  executableComments: false,
  backticks: false,
};
const mysql: Reading = {
  backslash: true,
  lineEnd: /\n/g,
  dashNeedsSpace: true,
  hashComments: true,
  nestedBlocks: false,
  dollarQuotes: false,
  executableComments: true,
  backticks: true,
};
const readings: readonly Reading[] = [
  postgres,
  { ...postgres, backslash: true }, // standard_conforming_strings off
  mysql,
  { ...mysql, backslash: false }, // NO_BACKSLASH_ESCAPES
];

export function maskTypedPasswords(sql: string): string {
  if (!secretWords.test(sql)) return sql;
  const bodies = readings.flatMap((reading) => literalBodies(sql, reading)).sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of bodies) {
    if (end <= at) continue; // inside (or equal to) a body masked already
    // Overlapping bodies of two readings are masked as one.
    if (start > at) out += sql.slice(at, start) + mask;
    at = end;
  }
  return out + sql.slice(at);
}

/** The [start, end) of every non-empty literal's body (between its quotes or tags), as `r` reads. */
function literalBodies(sql: string, r: Reading): [number, number][] {
  const bodies: [number, number][] = [];
  const add = (start: number, end: number) => {
    if (end > start) bodies.push([start, end]);
  };
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === '-' && next === '-' && (!r.dashNeedsSpace || spaceOrEnd(sql, i + 2))) {
      i = searchFrom(sql, i, r.lineEnd);
    } else if (c === '#' && r.hashComments) {
      i = searchFrom(sql, i, newline);
    } else if (c === '/' && next === '*') {
      const executable = r.executableComments ? /^(?:!|M!)/.exec(sql.slice(i + 2, i + 4))?.[0] : undefined;
      // An executable comment's inside is read as code; its closing star-slash is then plain text.
      i = executable !== undefined ? i + 2 + executable.length : blockEnd(sql, i, r.nestedBlocks);
    } else if (c === "'" || c === '"') {
      const backslash = r.backslash || (c === "'" && isEPrefix(sql, i));
      const { end, closed } = quotedEnd(sql, i, backslash);
      add(i + 1, closed ? end - 1 : end);
      i = end;
    } else if (c === '`' && r.backticks) {
      i = quotedEnd(sql, i, false).end;
    } else if (c === '$' && r.dollarQuotes) {
      dollarTag.lastIndex = i;
      const tag = dollarTag.exec(sql)?.[0];
      if (tag === undefined) {
        i++;
      } else {
        const close = sql.indexOf(tag, i + tag.length);
        add(i + tag.length, close === -1 ? sql.length : close);
        i = close === -1 ? sql.length : close + tag.length;
      }
    } else {
      i++;
    }
  }
  return bodies;
}

const newline = /\n/g;

/** MySQL's "-- " comment: the dashes followed by whitespace or a control character, or the end. */
function spaceOrEnd(sql: string, at: number): boolean {
  const code = sql.charCodeAt(at);
  return Number.isNaN(code) || code <= 0x20 || /\s/.test(sql.charAt(at));
}

/** PostgreSQL's dollar-quote tag: letters (any non-ASCII character counts as one), digits, _. */
const dollarTag = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

/** Where `pattern` (global) next matches from `from`, or the text's end; no copy of the rest. */
function searchFrom(sql: string, from: number, pattern: RegExp): number {
  pattern.lastIndex = from;
  return pattern.exec(sql)?.index ?? sql.length;
}

/** Just past the block comment opening at `open` (nested ones too, when they nest), or the end. */
function blockEnd(sql: string, open: number, nested: boolean): number {
  let depth = 0;
  let i = open;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth = nested ? depth + 1 : 1;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return sql.length;
}

/** E'…' (PostgreSQL's escape string): the E is a word of its own, not the end of a name. */
function isEPrefix(sql: string, quote: number): boolean {
  return /[Ee]/.test(sql.charAt(quote - 1)) && !/[A-Za-z0-9_$\u0080-\uffff]/.test(sql.charAt(quote - 2));
}

/** Just past the literal whose opening quote is at `open`, and whether its closing quote came. */
function quotedEnd(sql: string, open: number, backslash: boolean): { end: number; closed: boolean } {
  const quote = sql[open];
  let i = open + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslash && c === '\\') i += 2;
    else if (c === quote && sql[i + 1] === quote) i += 2;
    else if (c === quote) return { end: i + 1, closed: true };
    else i++;
  }
  return { end: sql.length, closed: false };
}
