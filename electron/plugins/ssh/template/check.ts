/** The template editor's check: syntax problems and tag problems, in line order, without connecting. */
import { findTagProblems } from '../../../../shared/domain/template-tags';
import type { TemplateProblem } from '../../plugin-runtime';
import { isKnownTag, tagText } from '../../tag-engine';
import { parseTemplate } from './parser';
import { placeTemplateTags } from './shell-context';
import { splitTags } from './tag-segments';
import { requiredFormat } from './tag-values';
import type { TemplateCommand } from './template-syntax';

const byPosition = (a: TemplateProblem, b: TemplateProblem): number => a.line - b.line || a.column - b.column;

/** Syntax only: for callers that check tags themselves (electron/services/template-checks.ts). */
export function checkSshSyntax(template: string): TemplateProblem[] {
  return parseTemplate(template).problems.sort(byPosition);
}

/**
 * Tags where the shell would not take their values literally (shell-context.ts): any tag after
 * `\` or `$` or in arithmetic; a tag without a form (its value is quoted) anywhere quoting
 * cannot hold. The same placements refuse a run (substitute.ts), so a template saved before
 * these rules cannot run either.
 */
export function shellContextProblems(commands: readonly TemplateCommand[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const placements = placeTemplateTags(commands);
  for (const command of commands) {
    if (command.kind !== 'exec' && command.kind !== 'write') continue;
    const segments = splitTags(command.argument.text);
    for (const placement of placements.get(command.line) ?? []) {
      const segment = segments[placement.segment];
      if (segment?.kind !== 'tag' || !isKnownTag(segment.name)) continue;
      const quoted = requiredFormat(segment.name) === undefined;
      const reason = placement.refusedForAll ?? (quoted ? placement.refusedQuoted : null);
      if (reason === null) continue;
      problems.push({
        line: command.line,
        column: command.argument.columns[segment.start] ?? command.argument.column,
        message: `${tagText(segment.name)} cannot be used here: the tag ${reason}`,
      });
    }
  }
  return problems;
}

/**
 * Syntax, tags and where tags sit in the shell input. In expect-regex lines `[#…]` may be a
 * character class, so only well-formed tags count there; comment lines are not checked for tags.
 */
export function checkSshTemplate(template: string): TemplateProblem[] {
  const parsed = parseTemplate(template);
  const regexLines = new Set(parsed.commands.filter((c) => c.kind === 'expect-regex').map((c) => c.line));
  // A comment is never run, so what looks like a tag there (a commented-out `[#$>]` regex) is text.
  const commentLines = new Set(
    template.split('\n').flatMap((text, index) => (/^[ \t]*#/.test(text) ? [index + 1] : [])),
  );
  const tagProblems = findTagProblems(template)
    .filter((p) => !commentLines.has(p.line))
    .filter((p) => !regexLines.has(p.line) || p.message.startsWith('Unknown tag'))
    .map(({ line, column, message }) => ({ line, column, message }));
  const warnings = parsed.warnings.map((w) => ({ ...w, severity: 'warning' as const }));
  return [...parsed.problems, ...tagProblems, ...shellContextProblems(parsed.commands), ...warnings].sort(
    byPosition,
  );
}

/** "Line 3, column 7: … (and 2 more problems)". */
export function describeProblems(problems: readonly TemplateProblem[]): string {
  const [first] = problems;
  if (first === undefined) return '';
  const more =
    problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return `Line ${first.line}, column ${first.column}: ${first.message}${more}`;
}
