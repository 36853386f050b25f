/**
 * POSIX single quoting: inside '…' every character is literal, so the value is one word that no
 * shell expands or splits. A single quote in the value closes, adds an escaped quote, reopens.
 */
export function shellQuote(value: string): string {
  return `'${singleQuotedBody(value)}'`;
}

/** A value inside the template's own '…': only ' needs care (close, escaped quote, reopen). */
export function singleQuotedBody(value: string): string {
  return value.replaceAll("'", `'\\''`);
}

/**
 * A value inside the template's own "…": \ $ and ` take a backslash (the only characters besides
 * " that the shell reads there). " and ! close the double quotes, are single-quoted, and reopen
 * them ("'!'"): an interactive bash expands ! from its history inside double quotes, and \! would
 * stop that but keep the backslash; and history expansion, which reads the line before the shell
 * does, counts every " to know where single quotes mean something, so a \" would put it out of
 * step with the shell. (history-expansion.ts checks the result.)
 */
export function doubleQuotedBody(value: string): string {
  let out = '';
  for (const char of value) {
    if (char === '\\' || char === '$' || char === '`') out += `\\${char}`;
    else if (char === '"' || char === '!') out += `"'${char}'"`;
    else out += char;
  }
  return out;
}
