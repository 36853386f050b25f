import type { z } from 'zod';
import type { templateProblemSchema } from '../../shared/contract/templates';
import type { PluginId } from '../../shared/domain/plugin';
import { placeholderWarnings } from '../../shared/domain/template';
import { uniqueProblems } from '../../shared/domain/template-problems';
import { findTagProblems } from '../../shared/domain/template-tags';

export type TemplateProblem = z.output<typeof templateProblemSchema>;

/**
 * A plugin's own check (its `PluginRuntime.check`): syntax and tags, knowing what the plugin never
 * reads (an SSH comment line, a character class in expect-regex). Undefined for a plugin that has
 * no runtime in this build.
 */
export type SyntaxCheck = (pluginId: PluginId, content: string) => readonly TemplateProblem[] | undefined;

/**
 * The plugin's problems where it has a check, so that the app refuses exactly what the plugin
 * would (and what `npm run template -- check` prints); else unknown or malformed tags. In line
 * order, each once.
 */
export function templateProblems(
  pluginId: PluginId,
  content: string,
  syntax?: SyntaxCheck,
): TemplateProblem[] {
  const tags = (): TemplateProblem[] =>
    findTagProblems(content).map(({ line, column, message }) => ({ line, column, message }));
  // A text that does nothing is a placeholder: said, and its syntax still checked when it has any.
  const placeholder: TemplateProblem[] = placeholderWarnings(pluginId, content);
  if (content.trim() === '') return placeholder;
  return uniqueProblems([...placeholder, ...(syntax?.(pluginId, content) ?? tags())]);
}

/** The problems that stop a save or a run (warnings do not). */
export const templateErrors = (problems: readonly TemplateProblem[]): TemplateProblem[] =>
  problems.filter((p) => p.severity !== 'warning');

/** "Line 3: Unknown tag [#FOO#] (and 2 more problems)". */
export function problemMessage(problems: readonly TemplateProblem[]): string {
  const [first] = problems;
  if (!first) return '';
  const more =
    problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return `Line ${first.line}: ${first.message}${more}`;
}
