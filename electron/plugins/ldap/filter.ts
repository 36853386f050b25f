/**
 * A value for inside a search filter (RFC 4515): the four specials and NUL as `\hh`. Only ASCII is
 * escaped: ldapts reads each `\hh` as one character, so multi-byte UTF-8 escapes would arrive
 * garbled; UTF-8 itself is allowed as it is.
 */
export function escapeFilterValue(value: string): string {
  // eslint-disable-next-line no-control-regex -- NUL is one of the characters RFC 4515 escapes.
  return value.replace(/[*()\\\u0000]/g, (char) => `\\${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
