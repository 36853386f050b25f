/**
 * Which `!` of a command line an interactive bash would expand from its history. History
 * expansion reads each line before the shell parses it, with quote rules of its own
 * (lib/readline/histexpand.c): a " toggles a double-quoted state; outside it, '…' is skipped
 * (`$'…'` with its backslash escapes). Bash versions differ on the backslash: older ones let it
 * protect only a following ' or !, bash 5.2 any character. A `!` counts when either reading
 * leaves it open, including those bash leaves alone (before a blank, `=`, `(`, `"`), so the
 * answer errs on the side of refusing a value.
 */
export function expandedBangs(line: string): number[] {
  const found = new Set([...openBangs(line, false), ...openBangs(line, true)]);
  return [...found].sort((a, b) => a - b);
}

function openBangs(line: string, backslashEscapesAll: boolean): number[] {
  const found: number[] = [];
  let doubleQuoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '!') found.push(i);
    else if (char === '"') doubleQuoted = !doubleQuoted;
    else if (char === '\\') {
      if (backslashEscapesAll || line[i + 1] === "'" || line[i + 1] === '!') i++;
    } else if (char === "'" && !doubleQuoted) {
      const ansi = i > 0 && line[i - 1] === '$';
      for (i++; i < line.length && line[i] !== "'"; i++) if (ansi && line[i] === '\\') i++;
    }
  }
  return found;
}

/**
 * Whether `at` starts a line of `text` with a `^`: history expansion reads a line starting with it
 * as a quick substitution (`^old^new^`, the previous command edited), whatever quotes the shell
 * is in there (a value that continues the template's "…" or '…' on a new line).
 */
export function startsQuickSubstitution(text: string, at: number): boolean {
  return text[at] === '^' && (at === 0 || text[at - 1] === '\n' || text[at - 1] === '\r');
}

/**
 * Whether the template's own text in a shell line (its tags as plain letters) makes an
 * interactive bash expand its history: a `!` bash acts on (not before a blank, `=`, `(` or `"`,
 * nor in `[!…]`, `${!…}`, `$!`), or a `^` starting the line. What it brings back is an earlier
 * line, values included, read again in a new place (`sh -c !$`).
 */
export function textExpandsHistory(line: string): boolean {
  if (line.startsWith('^')) return true;
  return expandedBangs(line).some((at) => {
    const next = line[at + 1];
    const before = at > 0 ? line[at - 1] : '';
    if (next === undefined || ' \t\n=("'.includes(next)) return false;
    return before !== '$' && before !== '[' && !line.slice(0, at).endsWith('${');
  });
}
