/**
 * A template problem as both the core's check and the editor's list hold it, and the one rule for
 * showing several lists as one: each problem once (same line, column and message), in line order.
 */
export interface TemplateProblemLike {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** A warning does not stop Save or a run (a line read the vendor's loose way, for one). */
  readonly severity?: 'warning';
}

export function uniqueProblems(...lists: readonly (readonly TemplateProblemLike[])[]): TemplateProblemLike[] {
  const seen = new Set<string>();
  const all: TemplateProblemLike[] = [];
  for (const p of lists.flat()) {
    const key = `${p.line}:${p.column}:${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    all.push({
      line: p.line,
      column: p.column,
      message: p.message,
      ...(p.severity ? { severity: p.severity } : {}),
    });
  }
  return all.sort((a, b) => a.line - b.line || a.column - b.column);
}
