/**
 * The shape of a plugin's template-language help, once for both sides: the renderer's Syntax help
 * tab draws it (renderer/features/templates/SyntaxHelpPanel.tsx), and the core's `plugins.list`
 * carries it as text (syntaxHelpText). Each plugin's help is in syntax/<plugin>.ts, written from its
 * parser and checks; a unit test runs every example through the plugin's own check.
 */
import type { PluginId } from '../domain/plugin';

/** One command (or statement form) and what it does. */
export interface SyntaxEntry {
  readonly syntax: string;
  readonly meaning: string;
}

/** Titled rules, e.g. what a pattern is matched against, or how a tag's value is written. */
export interface SyntaxSection {
  readonly title: string;
  readonly rules: readonly string[];
}

export interface SyntaxHelp {
  readonly pluginId: PluginId;
  /** What a template is and how it runs, a paragraph each. */
  readonly summary: readonly string[];
  /** The commands, in the order an author meets them; empty for SQL (statements are the server's). */
  readonly commands: readonly SyntaxEntry[];
  /** Rules on the text as a whole (strings, comments), a paragraph each. */
  readonly notes: readonly string[];
  readonly sections: readonly SyntaxSection[];
  /** A short template the plugin's own check accepts. */
  readonly example: string;
}

/**
 * The help as plain text: the summary, the commands in an aligned table, the notes, each section
 * as a titled list, and the example, indented.
 */
export function syntaxHelpText(help: SyntaxHelp): string {
  const width = Math.max(0, ...help.commands.map((c) => c.syntax.length)) + 3;
  const blocks: string[][] = [
    [...help.summary],
    help.commands.map((c) => `  ${c.syntax.padEnd(width)}${c.meaning}`),
    [...help.notes],
    ...help.sections.map((s) => [s.title, ...s.rules.map((r) => `  - ${r}`)]),
    help.example === '' ? [] : ['Example', ...help.example.split('\n').map((line) => `  ${line}`)],
  ];
  return blocks
    .filter((block) => block.length > 0)
    .map((block) => block.join('\n'))
    .join('\n\n');
}
