/**
 * Where a 1-based character position (PostgreSQL's error position) falls in the statement text
 * that was run: line and column, as the editor counts them.
 */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, position - 1)).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
