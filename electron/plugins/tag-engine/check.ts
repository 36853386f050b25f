import { findTagProblems } from '../../../shared/domain/template-tags';
import type { TemplateProblem } from '../plugin-runtime';

/** Unknown and malformed tags, in the editor's problem shape. */
export function tagProblems(template: string): TemplateProblem[] {
  return findTagProblems(template).map(({ line, column, message }) => ({ line, column, message }));
}

export function sortProblems(problems: readonly TemplateProblem[]): TemplateProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** One line for a refusal: the first problem, and how many more there are. */
export function describeProblems(problems: readonly TemplateProblem[]): string {
  const [first] = problems;
  if (first === undefined) return 'no problems';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return `line ${first.line}:${first.column}: ${first.message}${more}`;
}
