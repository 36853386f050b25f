/**
 * The editor's one list of problems: the live tag check's and the core's Check's, each once (the
 * core checks tags too), in line order, and where a problem's line starts in the text.
 */
import type { TagProblem } from '../../../shared/domain/template-tags';

export interface EditorProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export function mergeProblems(...lists: readonly (readonly EditorProblem[])[]): EditorProblem[] {
  const seen = new Set<string>();
  const all: EditorProblem[] = [];
  for (const p of lists.flat()) {
    const key = `${p.line}:${p.column}:${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    all.push({ line: p.line, column: p.column, message: p.message });
  }
  return all.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** "Line 3, column 1: ..." as the list and the Save refusal word it. */
export const problemText = (p: EditorProblem | TagProblem): string =>
  `Line ${p.line}, column ${p.column}: ${p.message}`;

/** The offset in `text` of line `line`, column `column` (both from 1), kept inside the text. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  const end = text.indexOf('\n', offset);
  const lineEnd = end === -1 ? text.length : end;
  return Math.min(offset + Math.max(0, column - 1), lineEnd);
}
