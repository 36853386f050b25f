/**
 * The spellings of a secret a template could make a target print: a run may use a credential's
 * password, so a template that prints it reversed, base64-encoded or hex-encoded must not get it
 * into the operation log in a form exact masking misses. These are the common one-step transforms;
 * chains of them (the base64 of the reversed password) and encryption are beyond any masker.
 */

/** Forms shorter than this are not masked: they would hide ordinary words (the raw secret always is). */
export const minFormLength = 4;

// By code point, as `rev` reverses characters (a UTF-16 pair stays whole).
const reverse = (s: string): string => Array.from(s).reverse().join('');

/**
 * The base64 characters that depend only on the secret's bytes, for each of the 3 alignments the
 * secret can have inside a longer encoded stream (0, 1 or 2 bytes before it in its 3-byte group).
 * The first characters of an unaligned secret share bits with the byte before it, and the last
 * ones with the byte after: those are left out, the rest is found wherever the stream put it.
 */
export function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (let before = 0; before < 3; before++) {
    const encoded = Buffer.concat([Buffer.alloc(before), bytes]).toString('base64');
    const total = before + bytes.length;
    const rest = total % 3;
    // A last partial group of 1 byte gives 1 whole character, of 2 bytes 2.
    const stableEnd = Math.floor(total / 3) * 4 + rest;
    const stableStart = before === 0 ? 0 : before + 1;
    if (stableEnd > stableStart) cores.push(encoded.slice(stableStart, stableEnd));
  }
  return cores;
}

/**
 * The inside of `'…'` with each quote as `'\''` (or `'"'"'`), as shell quoting helpers write it;
 * the quotes around it stay readable, like those around a masked raw secret.
 */
const singleQuoted = (s: string): string[] => [s.replaceAll("'", `'\\''`), s.replaceAll("'", `'"'"'`)];

/** Every character that is not a letter or digit preceded by a backslash. */
const backslashAll = (s: string): string => s.replace(/[^A-Za-z0-9]/g, (c) => `\\${c}`);

/**
 * bash's `printf %q` for printable text: its special characters escaped, `~` only where tilde
 * expansion would see it (first, or after `=` or `:`), `#` only first.
 */
const printfQ = (s: string): string =>
  s.replace(/[ \t\n'"\\|&;()<>!{}*[?\]^$`,]|^#|(?<=^|[=:])~/g, (c) => `\\${c}`);

/** What bash's `$'…'` quoting writes for these characters (its ansic_quote), backslash first. */
const ansiCNamed: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '\x1b': 'E',
  '\x07': 'a',
  '\b': 'b',
  '\f': 'f',
  '\n': 'n',
  '\r': 'r',
  '\t': 't',
  '\v': 'v',
};
const octal = (byte: number): string => `\\${byte.toString(8).padStart(3, '0')}`;

/**
 * The inside of bash's `$'…'` form, which `printf %q` (and `set -x`) switch to when the text holds
 * a character the locale cannot print: under LANG=C, as many SSH logins run, every byte of a
 * non-ASCII character is one (`é` is `\303\251`); under a UTF-8 locale only control characters are.
 * Both spellings, since the target's locale is not known.
 */
function ansiCQuoted(s: string): string[] {
  const spell = (nonAsciiAsBytes: boolean): string =>
    Array.from(s, (c) => {
      const named = ansiCNamed[c];
      if (named !== undefined) return `\\${named}`;
      const code = c.codePointAt(0) ?? 0;
      if (code < 0x20 || code === 0x7f) return octal(code);
      // C1 controls are unprintable in every locale.
      if (code >= 0x80 && (nonAsciiAsBytes || code < 0xa0))
        return Array.from(Buffer.from(c, 'utf8'), octal).join('');
      return c;
    }).join('');
  return [spell(true), spell(false)];
}

/** application/x-www-form-urlencoded, as URLSearchParams and HTML forms write it. */
const formEncoded = (s: string): string => new URLSearchParams({ v: s }).toString().slice(2);

const lowerPercent = (s: string): string => s.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());

/**
 * RFC 3986's percent-encoding of everything but its unreserved characters, as curl's
 * --data-urlencode, Python's quote(safe='') and PHP's rawurlencode write it: encodeURIComponent's
 * with `!'()*` escaped too. Go's QueryEscape writes the same with `+` for a space.
 */
const strictUrl = (url: string): string[] => {
  const strict = url.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return [strict, strict.replaceAll('%20', '+')];
};

/**
 * The secret and its common transforms: reversed, base64 (standard and URL-safe, every
 * alignment), hex in both cases, URL encoding (component, RFC 3986 strict and form style, either
 * case of the escapes), shell escapes (single-quoted, backslash-escaped, printf %q in both its forms).
 * Duplicates removed.
 */
export function secretForms(secret: string): string[] {
  // A lone surrogate (no rule lets one be saved now, but a store or vault written before may hold
  // one) leaves the process as U+FFFD wherever the text is encoded: the forms are of that text,
  // and encodeURIComponent, which throws on it, never sees the raw one. A throw here would stop
  // every mask, and with it the session's transcript, in the middle of a session.
  const sent = secret.replace(/\p{Cs}/gu, '\ufffd');
  const bytes = Buffer.from(sent, 'utf8');
  const hex = bytes.toString('hex');
  const base64 = base64Cores(bytes);
  const url = encodeURIComponent(sent);
  const form = formEncoded(sent);
  const forms = [
    reverse(secret),
    reverse(sent),
    ...base64,
    ...base64.map((b) => b.replaceAll('+', '-').replaceAll('/', '_')),
    hex,
    hex.toUpperCase(),
    url,
    lowerPercent(url),
    ...strictUrl(url),
    ...strictUrl(url).map(lowerPercent),
    form,
    lowerPercent(form),
    ...singleQuoted(sent),
    backslashAll(sent),
    printfQ(sent),
    ...ansiCQuoted(sent),
  ].filter((f) => f.length >= minFormLength);
  return [...new Set([secret, sent, ...forms])];
}

/**
 * Text as the leak check reads it: without whitespace, control characters, backslashes and
 * quotes, which a terminal's line wrap, an escape or a quoting style puts between the characters
 * of a secret without changing what it says.
 */
export const squeezed = (text: string): string =>
  // eslint-disable-next-line no-control-regex
  text.replace(/[\s\u0000-\u001f\u007f\\'"]/g, '');
