/** Helpers of the second readers' mutant and survivor files: templates, their problems, what they send. */
import { checkSshTemplate } from '../../../../../electron/plugins/ssh/template/check';
import { parseTemplate } from '../../../../../electron/plugins/ssh/template/parser';
import { substitute } from '../../../../../electron/plugins/ssh/template/substitute';

/** The problems of a template, as messages. */
export const problems = (template: string): string[] =>
  checkSshTemplate(template)
    .filter((p) => p.severity !== 'warning')
    .map((p) => p.message);

/** What each exec or write step sends with ADD_INFO set to `value`, or null when the run refuses it. */
export function sendsWith(template: string, value: string): string[] | null {
  const result = substitute(parseTemplate(template).commands, { ADD_INFO: value, NEW_PASSWORD: 'x' });
  if (!result.ok) return null;
  return result.steps.flatMap((s) => (s.kind === 'exec' || s.kind === 'write' ? [s.send] : []));
}

/** An exec line of a template holding `line` (template quoting applied). */
export const exec = (line: string): string => `exec "${line.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
export const lines = (...texts: string[]): string => texts.join('\n');

export const refusal = (why: string, tag = 'ADD_INFO'): string =>
  `[#${tag}#] cannot be used here: the tag ${why}`;
export const sedRefusal = (why: string): string =>
  refusal(`goes to sed, which runs its script as code, and ${why} (quoting does not hold there)`);
