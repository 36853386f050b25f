/**
 * The editor's one list of problems: the live tag check's and the core's Check's, each once (the
 * core checks tags too), in line order, and where a problem's line starts in the text.
 */
import type { PluginId } from '../../../shared/domain/plugin';
import { uniqueProblems, type TemplateProblemLike } from '../../../shared/domain/template-problems';
import { findTagProblems, type TagProblem } from '../../../shared/domain/template-tags';

export type EditorProblem = TemplateProblemLike;

/**
 * The live tag check, as the plugin reads the text: an SSH comment line is never run, so what
 * looks like a tag there (the vendor's commented-out `[#$>]` regex) is text, as the core's check says.
 */
export function liveTagProblems(pluginId: PluginId, content: string): TagProblem[] {
  const problems = findTagProblems(content);
  if (pluginId !== 'ssh') return problems;
  const lines = content.split('\n');
  return problems.filter((p) => !/^[ \t]*#/.test(lines[p.line - 1] ?? ''));
}

/** Whether any of the problems stops Save (a warning does not). */
export const hasErrors = (problems: readonly EditorProblem[]): boolean =>
  problems.some((p) => p.severity !== 'warning');

export const mergeProblems = (...lists: readonly (readonly EditorProblem[])[]): EditorProblem[] =>
  uniqueProblems(...lists);

/** "Line 3, column 1: ..." as the list and the Save refusal word it. */
export const problemText = (p: EditorProblem | TagProblem): string =>
  `Line ${p.line}, column ${p.column}: ${'severity' in p && p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;

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
