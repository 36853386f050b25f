// How the shell reader placed each tag of a typed line, as one short text per tag: the tables of
// shell-reader-mutants.test.ts and shell-reader-survivors-*.test.ts compare these exactly, so
// that any change in a tag's context, word start, fresh command, refusal or inner layer shows.

import { readStream, type Item } from '../../../../../electron/plugins/ssh/template/shell-reader';
import { lostReasons } from '../../../../../electron/plugins/ssh/template/shell-settings';
import { Placement, reasons } from '../../../../../electron/plugins/ssh/template/tag-placement';

/** The refusals that are not in `reasons` (tag-placement.ts), by a short name for the tables. */
export const messages = {
  notPlain:
    'is in a command whose name is not plain text (it holds $…, `…`, a tag, a glob, or follows options this check does not know), so what runs cannot be known',
  pipedSh: 'is piped into sh, which can run what it reads as code (quoting does not hold there)',
  pipedProcess:
    'is piped into a process substitution >(…), which can run what it reads as code (quoting does not hold there)',
  evalArgs:
    'goes to eval, which parses its arguments as shell code again, or runs a command from them (quoting does not hold there)',
  doubleBracketArgs:
    'goes to [[, which evaluates its arguments as variable names or arithmetic (a[$(cmd)] runs cmd)',
  processOutput:
    'is in a command whose output goes to a process substitution >(…), which can run what it reads as code',
  unmatchedParen: 'an unmatched ) (a case pattern?) comes before it',
  caseClause: 'a case clause (;; or ;&) comes before it',
  hereDocumentNested:
    'a here-document (<<) inside a substitution, a group or quotes comes before it, whose text this check does not follow',
  hereDocumentDelimiter:
    'a here-document (<<) whose delimiter holds an expansion, a tag or nothing comes before it, whose end this check does not know',
  hereDocumentDelimiterTag:
    'is the delimiter of a here-document (<<), so a value would decide where its body ends',
  hereDocumentEnd:
    "is on a line of a here-document's body that a value could make its delimiter, which would end the body there and run the lines after it",
  hereDocumentExpands:
    "is in a here-document whose delimiter is not quoted, where bash expands $, ` and \\ in a value (quote the delimiter: <<'EOF')",
  hereDocumentExpansion:
    'is in a here-document body after a command substitution, ${…} or arithmetic, which this check does not follow inside a body',
  hereDocumentReaderSh:
    'is in a here-document fed to sh, which can run what it reads as code (quoting does not hold there)',
  hereDocumentReaderProcess:
    'is in a here-document fed to a process substitution >(…), which can run what it reads as code (quoting does not hold there)',
  hereDocumentReaderAwk:
    'is in a here-document fed to awk, which can run what it reads as code (quoting does not hold there)',
  hereDocumentContinued:
    'a here-document (<<) on a line that goes on past its end (a |, && or a for loop), or with a body line ending in \\, comes before it, whose text this check does not follow',
  execProcess: 'exec sends later output to a process substitution >(…), which this check does not follow',
  sed: 'goes to sed, which runs its script as code (quoting does not hold there)',
  sedOption:
    'goes to sed, which runs its script as code, and its option -e is one this check does not follow (quoting does not hold there)',
  sedBackslash:
    'goes to sed, which runs its script as code, and a value follows a backslash, which would escape it (quoting does not hold there)',
  sedUnclosed:
    'goes to sed, which runs its script as code, and its s command is not closed (quoting does not hold there)',
  shArgs:
    'goes to sh, which is a shell: it runs its arguments or input as shell code (quoting does not hold there)',
  bashArgs:
    'goes to bash, which is a shell: it runs its arguments or input as shell code (quoting does not hold there)',
  printfVariable:
    'goes to printf -v, which evaluates a variable name (a[$(cmd)] runs cmd) (quoting does not hold there)',
  enableF: 'goes to enable -f, which loads and runs a shared library (quoting does not hold there)',
  coproc: 'coproc comes before it, which this check does not follow',
  coprocArgs:
    'goes to coproc, which parses its arguments as shell code again, or runs a command from them (quoting does not hold there)',
  caseWord: 'case comes before it, which this check does not follow',
  select: 'select comes before it, which this check does not follow',
  functionWord: 'function comes before it, which this check does not follow',
} as const;

/** A refusal by its name in `reasons` or `messages`; any other text as it is. */
export function reasonName(reason: string): string {
  const known = Object.entries({ ...reasons, ...lostReasons, ...messages }).find(
    ([, text]) => text === reason,
  );
  return known === undefined ? JSON.stringify(reason) : known[0];
}

/** One tag's placement in a word each: context, start, fresh, the refusals, inner. */
export function summary(tag: Placement): string {
  return [
    tag.context,
    tag.wordStart ? 'start' : '',
    tag.freshCommand ? 'fresh' : '',
    tag.refusedForAll === null ? '' : `all:${reasonName(tag.refusedForAll)}`,
    tag.refusedQuoted === null ? '' : `quoted:${reasonName(tag.refusedQuoted)}`,
    tag.inner === null ? '' : 'inner',
  ]
    .filter((part) => part !== '')
    .join(' ');
}

/** A line's items (§ a tag) and its tags, with a line end after it unless it ends in ¶. */
export function typed(line: string): { items: Item[]; tags: Placement[] } {
  const enter = !line.endsWith('¶');
  const tags: Placement[] = [];
  const items: Item[] = Array.from(enter ? line : line.slice(0, -1), (char, index) => {
    if (char !== '§') return char;
    const tag = new Placement(index);
    tags.push(tag);
    return tag;
  });
  if (enter) items.push('\n');
  return { items, tags };
}

/** What the reader records on each tag of `line`, one summary per tag joined by ` | `. */
export function placements(line: string): string {
  const { items, tags } = typed(line);
  readStream([items]);
  return tags.map(summary).join(' | ');
}
