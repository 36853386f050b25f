import {
  charAt,
  EditedText,
  LineCells,
  maxReach,
  Work,
  type EditedLine,
  type SecretWatch,
} from './line-cells';
import { lineEdit } from './terminal-text';

export type { EditedLine, SecretWatch } from './line-cells';

/**
 * Output lines as they end up after their edits (a backspace, a cursor move, an erase, as
 * editableText keeps them), and what the edits of any kind share here (typed keys: typed-line.ts;
 * the cells they are applied to: line-cells.ts). A secret typed with a typo and corrected, or
 * drawn over a shell's autosuggestion, is whole there, where masking finds it; removed instead of
 * applied, the edits left it with the typo in it.
 */

/**
 * What a text whose edits cost more than its Work allows is stored as: past that it is built to
 * be costly (a cursor sent back and forth across a long line), and read with its edits removed
 * it could hold a secret that only they made.
 */
export const editsWithheld = '[withheld: more cursor moves and edits than a transcript follows]';

/** The edits of one kind of text (output, typed keys), applied and removed. */
export interface LineEdits {
  apply(text: string, watch?: SecretWatch): EditedLine;
  /** The text with its edits removed, each character where it came from (what masking read before). */
  removed(text: string): EditedLine;
}

/**
 * Terminal output as editableText gives it, one or more lines, with its edits applied: what each
 * line shows on the screen once drawn. A line's edits stay inside it: a backspace at a line's
 * start does nothing, as on a terminal. Past the work allowed (Work), editsWithheld.
 */
export function shownLine(text: string, watch?: SecretWatch): EditedLine {
  if (!holdsEdits(text)) return { text };
  return showLines(text, Work.for(text), watch) ?? { text: editsWithheld, from: [] };
}

/**
 * The last line of some output as shown, for the password prompt check, which reads it at each
 * chunk: its work is 16 a character and 1 K more (not 64 K a chunk). Undefined past it: the
 * caller takes the safe side.
 */
export function shownTail(text: string): EditedLine | undefined {
  return holdsEdits(text) ? showLines(text, Work.for(text, 1024)) : { text };
}

/** Whether editableText kept an edit in `text`: without one, the text is shown as it is. */
const holdsEdits = (text: string): boolean => text.includes('\b') || text.includes('\u001b');

/** The lines of `text` with their edits applied, or undefined past `work`. */
function showLines(text: string, work: Work, watch?: SecretWatch): EditedLine | undefined {
  const out = new EditedText();
  const limit = text.length + maxReach;
  let line = new LineCells(limit, work, watch);
  for (let at = 0; at < text.length;) {
    const { edit, char } = outputAt(text, at);
    if (edit !== null) {
      const count = Number(edit[1]) || 1;
      if (edit[2] === 'D') line.move(-count);
      else if (edit[2] === 'C') line.move(count);
      else if (edit[2] === 'K') line.cutAfter();
      else if (edit[2] === 'P') line.cutAfter(count);
      else if (edit[2] === 'X') line.blank(count);
      else line.insertBlanks(count);
    } else if (char === '\b') line.move(-1);
    else if (char === '\n') {
      out.add(line);
      out.addChar('\n', at);
      line = new LineCells(limit, work, watch);
    } else if (char !== '\u001b') line.put(char, at);
    if (work.exhausted) return undefined;
    at += char.length;
  }
  return out.line(line, watch !== undefined);
}

/** The lines of `text` with their edits removed. */
function editsRemoved(text: string): EditedLine {
  const out = new EditedText();
  for (let at = 0; at < text.length;) {
    const { edit, char } = outputAt(text, at);
    if (edit === null && char !== '\b' && char !== '\u001b') out.addChar(char, at);
    at += char.length;
  }
  return out.plain;
}

/** The edit (editableText's `lineEdit`) or the character at `at`; `char` is the edit's text then. */
function outputAt(text: string, at: number): { edit: RegExpExecArray | null; char: string } {
  lineEdit.lastIndex = at;
  const edit = text[at] === '\u001b' ? lineEdit.exec(text) : null;
  return { edit, char: edit?.[0] ?? charAt(text, at) };
}

/** The output's edits (editableText's). */
export const outputEdits: LineEdits = {
  apply: shownLine,
  removed: (text) => (holdsEdits(text) ? editsRemoved(text) : { text }),
};
