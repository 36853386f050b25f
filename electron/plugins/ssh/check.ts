/** The template editor's check: syntax problems and tag problems, in line order, without connecting. */
import { findTagProblems } from '../../../shared/domain/template-tags';
import type { TemplateProblem } from '../../../shared/plugins/plugin-runtime';
import { parseTemplate } from './parser';

const byPosition = (a: TemplateProblem, b: TemplateProblem): number => a.line - b.line || a.column - b.column;

/** Syntax only: for callers that check tags themselves (electron/services/template-checks.ts). */
export function checkSshSyntax(template: string): TemplateProblem[] {
  return parseTemplate(template).problems.sort(byPosition);
}

/** Syntax and tags. In expect-regex lines `[#…]` may be a character class, so only well-formed tags count there. */
export function checkSshTemplate(template: string): TemplateProblem[] {
  const parsed = parseTemplate(template);
  const regexLines = new Set(parsed.commands.filter((c) => c.kind === 'expect-regex').map((c) => c.line));
  const tagProblems = findTagProblems(template)
    .filter((p) => !regexLines.has(p.line) || p.message.startsWith('Unknown tag'))
    .map(({ line, column, message }) => ({ line, column, message }));
  return [...parsed.problems, ...tagProblems].sort(byPosition);
}

/** "Line 3, column 7: … (and 2 more problems)". */
export function describeProblems(problems: readonly TemplateProblem[]): string {
  const [first] = problems;
  if (first === undefined) return '';
  const more =
    problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return `Line ${first.line}, column ${first.column}: ${first.message}${more}`;
}
