/**
 * Distinguished names (RFC 4514): escaping a value for inside an RDN, and a strict check of a
 * whole DN, used on every DN before it is sent and on tag values that stand for a DN suffix.
 */

/** Characters escaped with a backslash wherever they appear in a value (all valid RFC 4514 pairs). */
const escapedChars = new Set(['\\', '"', '+', ',', ';', '<', '>', '=', '#', ' ']);

/**
 * A value for inside an RDN: every special character (and space and #, which are special at the
 * edges, escaped everywhere for simplicity) as `\c`, control characters as `\hh`.
 */
export function escapeDnValue(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (escapedChars.has(char)) out += `\\${char}`;
    else if (code < 0x20 || code === 0x7f) out += `\\${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return out;
}

export type DnCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

const attributeType = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)/;
const hexPair = /^[0-9A-Fa-f]{2}/;
/** Characters that must be escaped inside a value (RFC 4514 `escaped`, plus NUL). */
const mustEscape = new Set(['"', '+', ',', ';', '<', '>', '\u0000']);

/**
 * Whether `text` is a well-formed, non-empty DN. Lenient only where servers are (spaces around
 * `,` `+` `=`); strict about structure: every RDN is type=value, every special escaped.
 */
export function checkDn(text: string): DnCheck {
  let i = 0;
  const fail = (message: string): DnCheck => ({ ok: false, message: `${message} at character ${i + 1}` });
  const skipSpaces = (): void => {
    while (text[i] === ' ') i++;
  };
  skipSpaces();
  if (i >= text.length) return { ok: false, message: 'the DN is empty' };
  for (;;) {
    skipSpaces();
    const type = attributeType.exec(text.slice(i))?.[0];
    if (type === undefined) return fail('expected an attribute name');
    i += type.length;
    skipSpaces();
    if (text[i] !== '=') return fail('expected "="');
    i++;
    skipSpaces();
    const value = scanValue(text, i);
    if ('error' in value) {
      i = value.at;
      return fail(value.error);
    }
    if (value.end === i) return fail('empty value');
    i = value.end;
    if (i >= text.length) return { ok: true };
    const separator = text[i];
    if (separator !== ',' && separator !== '+' && separator !== ';') return fail('expected "," or "+"');
    i++;
  }
}

type Scanned = { readonly end: number } | { readonly error: string; readonly at: number };

/** The end of the value starting at `start`, or what is wrong with it and where. */
function scanValue(text: string, start: number): Scanned {
  let i = start;
  if (text[i] === '#') {
    const hex = /^(?:[0-9A-Fa-f]{2})+/.exec(text.slice(i + 1))?.[0];
    if (hex === undefined) return { error: 'a value starting with # must be hex pairs', at: i };
    return { end: i + 1 + hex.length };
  }
  while (i < text.length) {
    const char = text[i] ?? '';
    if (char === '\\') {
      const next = text[i + 1];
      if (next === undefined) return { error: 'a trailing backslash', at: i };
      if (hexPair.test(text.slice(i + 1, i + 3))) i += 3;
      else if (escapedChars.has(next)) i += 2;
      else return { error: `"\\${next}" is not a valid escape`, at: i };
    } else if (char === ',' || char === '+' || char === ';') {
      break;
    } else if (mustEscape.has(char)) {
      return { error: `"${char === '\u0000' ? 'NUL' : char}" must be escaped`, at: i };
    } else {
      i++;
    }
  }
  return { end: i };
}
