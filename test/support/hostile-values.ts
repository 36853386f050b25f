/**
 * The hostile corpus: tag values written to break out of whatever context a plugin substitutes
 * them into (SQL literal or identifier, shell word, LDAP DN or filter, template syntax). Every
 * plugin's tests run their built-in templates with each of these as USERNAME, NEW_PASSWORD,
 * ADD_INFO, … and prove that the value is either refused before anything is sent or stored
 * literally, and that nothing else happens on the target.
 *
 * Shared by the SQL/LDAP plugins and the SSH plugin: add values, do not change the shape.
 */
export interface HostileValue {
  /** A short, unique, printable label for test names (never the raw value: it may hold NUL). */
  readonly name: string;
  readonly value: string;
  /** Why this value is dangerous. */
  readonly reason: string;
}

/** Quotes and statement separators: SQL literal/identifier break-outs. */
export const quoteValues: readonly HostileValue[] = [
  { name: 'single-quote', value: "o'brien", reason: 'ends a SQL string literal' },
  { name: 'double-quote', value: 'a"b', reason: 'ends a PostgreSQL quoted identifier / shell "…" word' },
  { name: 'backtick', value: 'a`b', reason: 'ends a MySQL quoted identifier / shell command substitution' },
  { name: 'semicolon', value: 'a;b', reason: 'separates SQL statements and shell commands' },
  {
    name: 'sql-drop',
    value: "'; DROP ROLE x; --",
    reason: 'classic injection: close, new statement, comment',
  },
  { name: 'sql-concat', value: "a'||'b", reason: 'closes and re-opens a literal around an operator' },
  { name: 'backslash', value: 'a\\b', reason: 'escape character in MySQL literals, E-strings and shells' },
  {
    name: 'backslash-quote',
    value: "a\\'b",
    reason: "\\' ends nothing in standard SQL but escapes in MySQL",
  },
  { name: 'dollar-dollar', value: '$$', reason: 'opens/closes a PostgreSQL dollar-quoted string' },
  { name: 'comment-open', value: 'a/*b', reason: 'opens a block comment that swallows the rest' },
  { name: 'line-comment', value: 'a--b', reason: 'opens a line comment' },
  // The same characters alone: a value that is nothing but the delimiter.
  { name: 'lone-quote', value: "'", reason: 'a single quote and nothing else' },
  { name: 'lone-double-quote', value: '"', reason: 'a double quote and nothing else' },
  { name: 'lone-backtick', value: '`', reason: 'a backtick and nothing else' },
  { name: 'lone-semicolon', value: ';', reason: 'a statement separator and nothing else' },
  { name: 'lone-backslash', value: '\\', reason: 'a backslash alone escapes the closing quote' },
  { name: 'lone-dashes', value: '--', reason: 'a line comment and nothing else' },
  { name: 'lone-comment-open', value: '/*', reason: 'a block comment opener and nothing else' },
];

/** Shell metacharacters (mostly for SSH, harmless elsewhere but still must be literal). */
export const shellValues: readonly HostileValue[] = [
  { name: 'command-subst', value: '$(id)', reason: 'shell command substitution' },
  { name: 'backtick-subst', value: '`id`', reason: 'shell command substitution, old style' },
  { name: 'var-expansion', value: '${HOME}', reason: 'shell parameter expansion' },
  { name: 'pipe-amp', value: 'a|b&c', reason: 'shell pipe and background operators' },
  { name: 'redirect', value: 'a>/tmp/x', reason: 'shell redirection' },
  { name: 'glob', value: '*', reason: 'shell glob / LDAP wildcard' },
];

/** Line breaks and control characters: split template lines, terminal input or LDIF. */
export const controlValues: readonly HostileValue[] = [
  { name: 'newline', value: 'a\nb', reason: 'splits a template line / sends Enter to a shell' },
  { name: 'crlf', value: 'a\r\nb', reason: 'CR LF: a line break for protocols and terminals' },
  { name: 'carriage-return', value: 'a\rb', reason: 'CR alone: Enter in a terminal' },
  { name: 'nul', value: 'a\u0000b', reason: 'NUL truncates C strings; PostgreSQL refuses it in text' },
  { name: 'nul-only', value: '\u0000', reason: 'a value that is only NUL' },
  { name: 'tab', value: 'a\tb', reason: 'tab: completion in a shell, whitespace in SQL' },
  { name: 'escape', value: 'a\u001b[2Jb', reason: 'terminal escape sequence' },
  { name: 'ctrl-c', value: 'a\u0003b', reason: 'interrupt in a terminal' },
];

/** LDAP DN and filter metacharacters (RFC 4514 / RFC 4515). */
export const ldapValues: readonly HostileValue[] = [
  { name: 'filter-wildcard', value: '*)(uid=*', reason: 'closes a filter and matches everything' },
  { name: 'filter-or', value: ')(|(objectClass=*)', reason: 'injects an OR that matches every entry' },
  { name: 'dn-comma', value: ',cn=admin', reason: 'adds an RDN: moves the DN under another entry' },
  { name: 'dn-plus', value: 'a+cn=b', reason: 'makes a multi-valued RDN' },
  { name: 'dn-hash', value: '#6162', reason: 'a leading # means a hex BER value in a DN' },
  { name: 'dn-equals', value: 'a=b', reason: 'an = inside an RDN value' },
  { name: 'dn-leading-space', value: ' a ', reason: 'leading/trailing spaces must be escaped in a DN' },
  { name: 'dn-specials', value: 'a<b>c;d\\e', reason: 'the rest of RFC 4514 specials' },
  { name: 'lone-plus', value: '+', reason: 'a multi-valued RDN separator alone' },
  { name: 'lone-hash', value: '#', reason: 'a # alone: hex-value marker in a DN, comment in MySQL' },
  { name: 'lone-equals', value: '=', reason: 'an = alone: type/value separator in a DN and a filter' },
  { name: 'lone-comma', value: ',', reason: 'an RDN separator alone' },
];

/** Long and non-ASCII values. */
export const sizeAndUnicodeValues: readonly HostileValue[] = [
  { name: 'very-long', value: 'x'.repeat(10_240), reason: '10 kB: buffer and identifier limits' },
  { name: 'unicode-latin', value: 'Ünïcødé', reason: 'non-ASCII Latin: encodings and byte lengths' },
  { name: 'emoji', value: 'a😀b', reason: 'astral-plane character (UTF-16 surrogate pair)' },
  { name: 'rtl', value: 'مرحبا\u202eabc', reason: 'right-to-left text and an RLO override' },
  { name: 'empty', value: '', reason: 'the empty string' },
  { name: 'spaces', value: '   ', reason: 'only spaces' },
];

/** Template syntax: a value that looks like a tag or a template command. */
export const templateValues: readonly HostileValue[] = [
  { name: 'tag-lookalike', value: '[#AUTH_PASSWORD#]', reason: 'must not be substituted a second time' },
  { name: 'quoted-command', value: '" \nexec "id', reason: 'closes a quoted template argument' },
];

/** The whole corpus. */
export const hostileValues: readonly HostileValue[] = [
  ...quoteValues,
  ...shellValues,
  ...controlValues,
  ...ldapValues,
  ...sizeAndUnicodeValues,
  ...templateValues,
];
