/** Templates of exec lines, as the attack reviews' files write them. */

/** Template lines: each an exec, its text in the template's quoting. */
export const execs = (...lines: string[]): string =>
  lines.map((line) => `exec "${line.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join('\n');

/** `first`, then a line a value reaches: refused once the reading is lost at `first`. */
export const thenValue = (first: string): string => execs(first, 'echo [#ADD_INFO#] >> /tmp/probe.out');
