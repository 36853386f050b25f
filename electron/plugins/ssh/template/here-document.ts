/**
 * The bodies of here-documents (`cat <<'EOF'` and the lines after it, up to `EOF`), read as bash
 * reads them: after the line holding the `<<`, line by line, until a line that is exactly the
 * delimiter (without its leading tabs for `<<-`). With a quoted delimiter (`<<'EOF'`, `<<"EOF"`,
 * `<<\EOF`) bash expands nothing in the body: a value there is data, typed as it is. Unquoted,
 * bash expands `$…`, `` `…` `` and `\` in it, so only a value with a form may go there, and none
 * after a command substitution, `${…}` or arithmetic, which this reader does not follow inside a
 * body. Neither reads history (bash 5.2, tested on a terminal). A value that could make its line
 * the delimiter would end the body early, the lines after it read as commands: refused.
 */
import { Placement } from './tag-placement';

export interface HereDocument {
  readonly delimiter: string;
  /** The delimiter was quoted: bash expands nothing in the body. */
  readonly quoted: boolean;
  /** `<<-`: bash strips the leading tabs of each line, the delimiter's line too. */
  readonly stripTabs: boolean;
  /**
   * What runs the body as code: the command fed it, or a later stage of its pipeline. Known when
   * the `<<` line ends, before the body: a pipeline that goes on past it is not followed.
   */
  reader: string | null;
}

export const hereDocumentReasons = {
  nested:
    'a here-document (<<) inside a substitution, a group or quotes comes before it, whose text this check does not follow',
  delimiter:
    'a here-document (<<) whose delimiter holds an expansion, a tag or nothing comes before it, whose end this check does not know',
  delimiterTag: 'is the delimiter of a here-document (<<), so a value would decide where its body ends',
  continued:
    'a here-document (<<) on a line that goes on past its end (a |, && or a for loop), or with a body line ending in \\, comes before it, whose text this check does not follow',
  end: "is on a line of a here-document's body that a value could make its delimiter, which would end the body there and run the lines after it",
  expands:
    "is in a here-document whose delimiter is not quoted, where bash expands $, ` and \\ in a value (quote the delimiter: <<'EOF')",
  escaped:
    'follows $ or \\ in a here-document whose delimiter is not quoted, where bash reads the value as a variable name or escapes its first character',
  expansion:
    'is in a here-document body after a command substitution, ${…} or arithmetic, which this check does not follow inside a body',
  reader: (name: string) =>
    `is in a here-document fed to ${name}, which can run what it reads as code (quoting does not hold there)`,
} as const;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether a line with tags (values: printable, one character or more) could read as `delimiter`. */
function couldBeDelimiter(line: readonly (string | Placement)[], doc: HereDocument): boolean {
  // <<- strips the body line's leading tabs before comparing it (the delimiter's are its own).
  const from = doc.stripTabs ? line.findIndex((item) => item !== '\t') : 0;
  const pattern = line
    .slice(from < 0 ? line.length : from)
    .map((item) => (typeof item === 'string' ? escapeRegExp(item) : '.+'))
    .join('');
  return new RegExp(`^${pattern}$`, 's').test(doc.delimiter);
}

/**
 * Reads the bodies of `docs`, in order, from `items[from]` (the item after the line end of the
 * `<<` line), and places and refuses the tags in them. Returns the body tags, where each body
 * line starts, and the index of the first item after the last delimiter's line (past the input
 * when a body runs to its end).
 */
export function readHereDocumentBodies(
  items: readonly (string | Placement)[],
  from: number,
  docs: readonly HereDocument[],
): { next: number; tags: Placement[]; lineStarts: number[]; lost: string | null } {
  const found: Placement[] = [];
  /** Where each body line starts (not the delimiter's): no command starts there. */
  const lineStarts: number[] = [];
  let at = from;
  for (const doc of docs) {
    /** A command substitution, ${…} or arithmetic stood in the body so far (unquoted). */
    let expanded = false;
    while (at < items.length) {
      let end = at;
      while (end < items.length && items[end] !== '\n') end++;
      const line = items.slice(at, end);
      const start = at;
      at = end + 1;
      const text = line.map((item) => (typeof item === 'string' ? item : '')).join('');
      const tags = line.filter((item): item is Placement => item instanceof Placement);
      const bare = doc.stripTabs ? text.replace(/^\t+/, '') : text;
      if (tags.length === 0 && bare === doc.delimiter) break;
      lineStarts.push(start);
      // Unquoted, bash joins a line ending in \ to the next before it looks for the delimiter
      // (`x\` then `EOF` is the body line xEOF) and before it expands (`$\` then `((…))`).
      const continued = !doc.quoted && /(?:^|[^\\])(?:\\\\)*\\$/.test(text);
      if (!doc.quoted && /\$[({[]|`/.test(text)) expanded = true;
      const ending = tags.length > 0 && couldBeDelimiter(line, doc);
      for (const tag of tags) {
        tag.context = 'here-document';
        // Unquoted, `$` or `\` before a value makes it a variable's name or escapes its first
        // character: the value would not arrive as it is.
        const before = line[line.indexOf(tag) - 1];
        if (!doc.quoted && (before === '$' || before === '\\')) tag.refuseAll(hereDocumentReasons.escaped);
        if (ending) tag.refuseAll(hereDocumentReasons.end);
        if (expanded) tag.refuseAll(hereDocumentReasons.expansion);
        if (!doc.quoted) tag.refuseQuoted(hereDocumentReasons.expands);
        if (doc.reader !== null) tag.refuseQuoted(hereDocumentReasons.reader(doc.reader));
        found.push(tag);
      }
      if (continued) return { next: at, tags: found, lineStarts, lost: hereDocumentReasons.continued };
    }
  }
  return { next: at, tags: found, lineStarts, lost: null };
}
