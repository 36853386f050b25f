import type { StringArgument } from './template-syntax';

/** Why the strict reading of a text argument failed, for the warning that names what was read. */
export type LooseReason = 'unquoted' | 'unterminated' | 'trailing';

const warnings: Record<LooseReason, string> = {
  unquoted:
    'The text is not in quotes: the rest of the line is sent as written, less a " at its end (write "…" to be sure)',
  unterminated: 'No closing ": the text runs to the end of the line',
  trailing: 'Text after the closing ": the whole rest of the line is the text, less its outer quotes',
};

export function looseReadingWarning(kind: string, reason: LooseReason): string {
  return `${kind}: ${warnings[reason]}`;
}

/**
 * senhasegura's reading of a text argument that is not one well-formed quoted string: the rest of
 * the line, less one opening and one closing quote where present, taken literally (no escapes).
 * Its published templates rely on it (`expect "*]` with no closing quote, `exec clish`,
 * `exec "edit "[#USERNAME#]""`), so they run unchanged here; the editor warns, since it is
 * usually a typo. What is read goes through the same tag and shell-context rules as any string.
 */
export function readLooseArgument(line: string, start: number): StringArgument {
  let from = start;
  let to = line.trimEnd().length;
  if (line[from] === '"') from++;
  if (to > from && line[to - 1] === '"') to--;
  const columns: number[] = [];
  for (let i = from; i < to; i++) columns.push(i + 1);
  return { text: line.slice(from, to), columns, column: start + 1 };
}
