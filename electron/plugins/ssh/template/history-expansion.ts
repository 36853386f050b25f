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
  const found = new Set([...openBangs(line, false), ...openBangs(line, true)].map((bang) => bang.at));
  return [...found].sort((a, b) => a - b);
}

/** A `!` outside single quotes, and whether it stands inside "…". */
interface Bang {
  readonly at: number;
  readonly doubleQuoted: boolean;
}

function openBangs(line: string, backslashEscapesAll: boolean): Bang[] {
  const found: Bang[] = [];
  let doubleQuoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '!') found.push({ at: i, doubleQuoted });
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
 * Whether the template's own text of a shell line (its tags as plain letters) makes an
 * interactive bash expand its history: a `!` bash acts on (not before a blank, `=` or the end of
 * the line, nor `!"` inside "…", `[!…]` with its `]`, `${!…}`, `$!`), or a `^` starting a line.
 * What it brings back is an earlier line, values included, read again in a new place
 * (`sh -c !$`). Unlike `expandedBangs`, this leaves alone the `!` bash leaves alone, since it
 * judges the template's text rather than a value.
 */
export function textExpandsHistory(line: string): boolean {
  if (/(?:^|\n)\^/.test(line)) return true;
  // Either reading of a backslash (see expandedBangs): `"\"; '!$'"` hides the ! from one only.
  return [...openBangs(line, false), ...openBangs(line, true)].some((bang) =>
    expands(line, bang.at, bang.doubleQuoted),
  );
}

function expands(line: string, at: number, doubleQuoted: boolean): boolean {
  const next = line[at + 1];
  if (next === undefined || ' \t\n\r='.includes(next)) return false;
  if (next === '"' && doubleQuoted) return false;
  const before = at > 0 ? line[at - 1] : '';
  // bash leaves `$!` alone only past a line's first two characters (tested: `$!e` starting a
  // line expands).
  if (before === '$' && at > 1) return false;
  if (before === '[' && line.includes(']', at + 1)) return false;
  return !(before === '{' && line[at - 2] === '$' && line.includes('}', at + 1));
}
