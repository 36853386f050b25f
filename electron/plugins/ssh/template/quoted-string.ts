import type { StringArgument } from './template-syntax';

export type QuotedStringResult =
  | { readonly ok: true; readonly argument: StringArgument; readonly end: number }
  | { readonly ok: false; readonly column: number; readonly message: string };

/**
 * Reads a double-quoted string starting at `start` (the index of the opening quote) in `line`.
 * `\"` is a quote and `\\` a backslash; any other backslash is kept as written, so vendor
 * templates with `\t` or `\*` in them mean what they meant before (`\*` is a literal star in
 * patterns). `end` is the index just after the closing quote.
 */
export function readQuotedString(line: string, start: number): QuotedStringResult {
  let text = '';
  const columns: number[] = [];
  for (let i = start + 1; i < line.length; i++) {
    const char = line.charAt(i);
    if (char === '"') {
      columns.push(i + 1);
      return { ok: true, argument: { text, columns, column: start + 1 }, end: i + 1 };
    }
    const next = line.charAt(i + 1);
    if (char === '\\' && (next === '"' || next === '\\')) {
      text += next;
      columns.push(i + 1);
      i++;
      continue;
    }
    text += char;
    columns.push(i + 1);
  }
  return { ok: false, column: start + 1, message: 'Unterminated string: add the closing "' };
}
