/**
 * What the attack-review tests of the second readers share: the text a template would type (or
 * null when a value is refused), template lines, and the payloads that would run if a console's
 * line were checked with shell rules.
 */
import { parseTemplate } from '../../../../../electron/plugins/ssh/template/parser';
import { substitute } from '../../../../../electron/plugins/ssh/template/substitute';

/** The text the plugin would type, or null when the check or the run refuses a value. */
export function typed(template: string, tags: Record<string, string>): string | null {
  const result = substitute(parseTemplate(template).commands, tags);
  if (!result.ok) return null;
  return result.steps.map((step) => ('send' in step ? step.send : '')).join('');
}

/** An exec line of a template holding `line` (template quoting applied). */
export const exec = (line: string): string => `exec "${line.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"\n`;

/** Shell-checked line that Tcl runs: the value is typed as it is inside "…", where Tcl runs [ … ]. */
export const tclPayload = { line: exec('puts "[#ADD_INFO#]"'), tags: { ADD_INFO: '[exec touch PWNED]' } };

/**
 * Shell-checked line that Python runs: two values typed as they are inside '…'; the first ends
 * in a backslash, so Python reads the second as code.
 */
export const pythonPayload = {
  line: exec("x = '[#ADD_INFO#]' + '[#NEW_PASSWORD#]'"),
  tags: { ADD_INFO: 'a\\', NEW_PASSWORD: ';open("PWNED","w")#' },
};
