/**
 * POSIX single quoting: inside '…' every character is literal, so the value is one word that no
 * shell expands or splits. A single quote in the value closes, adds an escaped quote, reopens.
 */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
