/**
 * What a tag's value may look like to go into a shell command line as it is. A value that
 * passes its kind's pattern holds only characters no shell gives a meaning to, so it is safe
 * anywhere in a command, even inside the template's own quotes. Anything else is quoted by the
 * plugin (see shell-quote.ts) or refused.
 */

/**
 * A user name as Linux tools take it. Deliberately narrower than what useradd accepts: quoting
 * keeps a value one word for the shell, but the program still parses it, and `pkill -u ','`
 * (an empty name in a comma list) or `pkill -u 0` (a number is a uid) means root. Letters,
 * digits, `_`, `.`, `-`; a letter or `_` first (never a digit, a dot or a dash).
 */
const linuxUserName = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;
const dnsName = /^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/;

interface ValueFormat {
  readonly pattern: RegExp;
  /** For refusals: "is not …". */
  readonly description: string;
}

/**
 * Tags whose values have a known form. Such a value must match it in every context; it is then
 * inserted as it is (none of these patterns allows a character a shell gives a meaning to, a
 * blank, or a leading `-`), and refused otherwise, never quoted: the programs a template calls
 * read their arguments with their own syntax, which quoting does not reach.
 */
const valueFormats: ReadonlyMap<string, ValueFormat> = new Map([
  [
    'USERNAME',
    { pattern: linuxUserName, description: 'a user name (letters, digits, _ . -; a letter or _ first)' },
  ],
  [
    'AUTH_USER',
    { pattern: linuxUserName, description: 'a user name (letters, digits, _ . -; a letter or _ first)' },
  ],
  ['EXPIRATION_DATE', { pattern: /^\d{4}-\d{2}-\d{2}$/, description: 'a YYYY-MM-DD date' }],
  [
    'EXPIRATION',
    {
      pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/,
      description: 'an ISO 8601 date and time',
    },
  ],
  [
    'SESSION_ID',
    { pattern: /^[A-Za-z0-9][A-Za-z0-9-]{0,127}$/, description: 'a session id (letters, digits and -)' },
  ],
  [
    'IP',
    {
      pattern: /^(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})$/,
      description: 'an IPv4 or IPv6 address',
    },
  ],
  ['HOSTNAME', { pattern: dnsName, description: 'a host name' }],
  ['DOMAIN', { pattern: dnsName, description: 'a domain name' }],
  ['AUTH_DOMAIN', { pattern: dnsName, description: 'a domain name' }],
  [
    'REQUESTER',
    { pattern: /^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,127}$/, description: 'a user name or e-mail address' },
  ],
]);

/** Patterns by tag name, for callers that check a value themselves (accountExists). */
export const strictValuePatterns: Readonly<Record<string, RegExp>> = Object.fromEntries(
  [...valueFormats].map(([tag, format]) => [tag, format.pattern]),
);

/** What the value of `tag` must be ("a YYYY-MM-DD date"), or undefined for tags without a form. */
export const requiredFormat = (tag: string): string | undefined => valueFormats.get(tag)?.description;

/** True when the tag has a form and the value has it. */
export function passesStrictPattern(tag: string, value: string): boolean {
  return valueFormats.get(tag)?.pattern.test(value) ?? false;
}

// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Characters a terminal acts on rather than passes through: Enter (CR, LF), Ctrl-C, Ctrl-U,
 * Ctrl-D, escape sequences, NUL, and C1 controls. Typing one would run or erase input.
 */
export const hasControlCharacter = (value: string): boolean => controlCharacter.test(value);

/** Printable ASCII only: what readline inserts as typed in every locale (no meta keys). */
export const isPrintableAscii = (value: string): boolean => /^[\x20-\x7e]*$/.test(value);

/**
 * PAM reads one answer to a prompt into a buffer of PAM_MAX_RESP_SIZE (512) bytes: a longer
 * value would be cut, and the account would get another password than the one recorded.
 */
export const maxTypedValueBytes = 511;

/** The kernel's canonical-mode line buffer is 4096 bytes; a longer line is cut. */
export const maxCommandLineBytes = 4000;
