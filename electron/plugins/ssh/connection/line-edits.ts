import { isHighSurrogate } from '../../../../shared/domain/text-rules';
import { lineEdit } from './terminal-text';

/**
 * Lines as they end up after their edits: the output's (a backspace, a cursor move, an erase, as
 * editableText keeps them) and the typed keys' (Backspace, Ctrl-U, the arrows, as readline reads
 * them). A secret typed with a typo and corrected, or drawn over a shell's autosuggestion, is whole
 * there, where masking finds it; removed instead of applied, the edits left it with the typo in it.
 */

/** A text after its edits, and where each of its UTF-16 units came from. */
export interface EditedLine {
  readonly text: string;
  /**
   * For each unit of `text`, its index in the text that was edited, or -1 for a blank the edits
   * made. Undefined when there was nothing to apply: `text` is that text as it came.
   */
  readonly from?: readonly number[];
}

/**
 * Past the end of what a line holds, how far a cursor move may reach, and by how many blanks an
 * edit may grow it past the text it came from: a terminal stops at its right margin, and a hostile
 * `ESC [ 9999 C` or `ESC [ 9999 @` before each character must not grow a line ten thousand times.
 */
const maxReach = 256;

/** Characters (a pair outside the BMP as one), each with where it came from: one side of the cursor. */
class Cells {
  constructor(
    readonly chars: string[] = [],
    readonly from: number[] = [],
  ) {}

  get length(): number {
    return this.chars.length;
  }

  push(char: string, from: number): void {
    this.chars.push(char);
    this.from.push(from);
  }

  /** The last one moved onto `to`; false when there is none. */
  moveTo(to: Cells): boolean {
    const char = this.chars.pop();
    const from = this.from.pop();
    if (char === undefined || from === undefined) return false;
    to.push(char, from);
    return true;
  }

  /** The last `count` removed, first to last as they stand. */
  cut(count: number): Cells {
    const at = Math.max(0, this.length - count);
    return new Cells(this.chars.splice(at), this.from.splice(at));
  }
}

/**
 * How many characters the edits of one text may move, blank or cut, over all its lines: sixteen
 * for each of its own and 64 K more. Home and End typed in turn over a long line, or a hostile
 * `ESC [ 9999 D` and `C` in turn, would otherwise cost the line's length each (a second for a
 * pasted 16 K block). Past it, the text is read with its edits removed (shownLine, typedLine).
 */
class Work {
  spent = 0;
  constructor(private readonly budget: number) {}

  static for(text: string): Work {
    return new Work(16 * text.length + 65_536);
  }

  get exhausted(): boolean {
    return this.spent > this.budget;
  }
}

/**
 * One line and its cursor, as a gap: what is before the cursor, and what is after it, last first
 * (its top is the character under the cursor). Typing, rubbing out or moving the cursor costs what
 * it moves, not the line's length: a line of 16 K characters pasted after Ctrl-A stays linear.
 */
class LineCells {
  readonly before = new Cells();
  readonly after = new Cells();

  /**
   * Blanks (a cursor move past the end, an insertion) and yanked copies are made only while the
   * line is shorter than this: the text's length and `maxReach`. A character of the text itself is
   * never dropped: a secret cut short by a cap would be stored in part, unmasked.
   */
  constructor(
    private readonly limit: number,
    private readonly work: Work,
  ) {}

  /** Whether `count` more characters that are not the text's own may be made. */
  fits(count: number): boolean {
    return this.length + count <= this.limit;
  }

  get length(): number {
    return this.before.length + this.after.length;
  }

  /** Writes over the character under the cursor (`insert`: before it), then steps past it. */
  put(char: string, from: number, insert = false): void {
    if (!insert) {
      this.after.chars.pop();
      this.after.from.pop();
    }
    this.before.push(char, from);
  }

  /** The cursor by `by` (less than 0: to the left), between the line's start and its reach. */
  move(by: number): void {
    const steps = Math.min(Math.abs(by), by < 0 ? this.before.length : maxReach);
    this.work.spent += steps;
    for (let step = 0; step < steps; step++) {
      if (by < 0) this.before.moveTo(this.after);
      else if (!this.after.moveTo(this.before) && this.fits(1)) this.before.push(' ', -1);
    }
  }

  /** The cursor to the line's start or end. */
  moveToEnd(start: boolean): void {
    this.move(start ? -this.before.length : this.after.length);
  }

  /** The last `count` characters before the cursor, removed (Backspace, Ctrl-U, Ctrl-W). */
  cutBefore(count: number): Cells {
    this.work.spent += count;
    return this.before.cut(count);
  }

  /** What is after the cursor, removed (Ctrl-K, ESC [ K), or the first `count` of it (ESC [ P). */
  cutAfter(count = this.after.length): Cells {
    const cut = new Cells();
    const steps = Math.min(count, this.after.length);
    this.work.spent += steps;
    for (let step = 0; step < steps; step++) this.after.moveTo(cut);
    return cut;
  }

  /** Blanks in place of `count` characters from the cursor, as far as the line goes. */
  blank(count: number): void {
    const { from, chars } = this.after;
    this.work.spent += Math.min(count, chars.length);
    for (let at = chars.length - 1; at >= Math.max(0, chars.length - count); at--) {
      chars[at] = ' ';
      from[at] = -1;
    }
  }

  /** `count` blanks inserted at the cursor, which stays. */
  insertBlanks(count: number): void {
    const steps = Math.max(0, Math.min(count, this.limit - this.length));
    this.work.spent += steps;
    for (let step = 0; step < steps; step++) this.after.push(' ', -1);
  }

  /** The line, start to end; blanks a cursor move made at its end are no text. */
  get cells(): Cells {
    const { before, after } = this;
    const all = new Cells(
      before.chars.concat(after.chars.slice().reverse()),
      before.from.concat(after.from.slice().reverse()),
    );
    let end = all.length;
    while (end > 0 && all.from[end - 1] === -1) end--;
    all.chars.length = end;
    all.from.length = end;
    return all;
  }
}

/** Lines of cells joined into an EditedLine, each unit with where it came from. */
class EditedText {
  #text = '';
  #from: number[] = [];

  add(line: LineCells): void {
    const { chars, from } = line.cells;
    chars.forEach((char, at) => this.addChar(char, from[at] ?? -1));
  }

  addChar(char: string, from: number): void {
    this.#text += char;
    for (let unit = 0; unit < char.length; unit++) this.#from.push(from < 0 ? -1 : from + unit);
  }

  get line(): EditedLine {
    return { text: this.#text, from: this.#from };
  }
}

/** The character (a whole pair outside the BMP) at `at` in `text`. */
function charAt(text: string, at: number): string {
  return isHighSurrogate(text.charCodeAt(at)) && at + 1 < text.length
    ? text.slice(at, at + 2)
    : (text[at] ?? '');
}

/**
 * Terminal output as editableText gives it, one or more lines, with its edits applied: what each
 * line shows on the screen once drawn. A line's edits stay inside it: a backspace at a line's
 * start does nothing, as on a terminal. Past the work allowed (Work), the edits are removed
 * instead, as before they were applied: what a secret's own characters left is still masked.
 */
export function shownLine(text: string): EditedLine {
  if (!text.includes('\b') && !text.includes('\u001b')) return { text };
  const work = Work.for(text);
  return showLines(text, work) ?? showLines(text);
}

/** The lines of `text` with their edits applied (removed without `work`), or undefined past it. */
function showLines(text: string, work: Work): EditedLine | undefined;
function showLines(text: string): EditedLine;
function showLines(text: string, work?: Work): EditedLine | undefined {
  const out = new EditedText();
  const limit = text.length + maxReach;
  let line = new LineCells(limit, work ?? new Work(0));
  for (let at = 0; at < text.length;) {
    lineEdit.lastIndex = at;
    const edit = text[at] === '\u001b' ? lineEdit.exec(text) : null;
    const char = edit?.[0] ?? charAt(text, at);
    if (work === undefined) {
      if (edit === null && char !== '\b' && char !== '\u001b') out.addChar(char, at);
    } else if (edit !== null) {
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
      line = new LineCells(limit, work);
    } else if (char !== '\u001b') line.put(char, at);
    if (work?.exhausted) return undefined;
    at += char.length;
  }
  out.add(line);
  return out.line;
}

// What a keyboard sends: CSI (arrows, function keys, focus reports, bracketed paste's markers),
// SS3 (arrows in application mode), and ESC before a key (Alt). Typed, ESC P or ESC ] opens no
// string: it is Alt-P or Alt-], and the keys after it are keys.
// eslint-disable-next-line no-control-regex
const keySequence = /\u001b\[[0-?]*[ -/]*[@-~]|\u001bO[\s\S]|\u001b[\s\S]?|\u009b[0-?]*[ -/]*[@-~]/y;

/** Readline's keys (emacs mode, as bash, zsh and most line editors bind them) and what they do. */
type KeyAction =
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'rubout'
  | 'delete'
  | 'killToStart'
  | 'killToEnd'
  | 'killWordBack'
  | 'wordLeft'
  | 'wordRight'
  | 'yank';

const keyActions = new Map<string, KeyAction>([
  ['\u001b[D', 'left'],
  ['\u001bOD', 'left'],
  ['\u0002', 'left'],
  ['\u001b[C', 'right'],
  ['\u001bOC', 'right'],
  ['\u0006', 'right'],
  ['\u001b[H', 'home'],
  ['\u001bOH', 'home'],
  ['\u001b[1~', 'home'],
  ['\u001b[7~', 'home'],
  ['\u0001', 'home'],
  ['\u001b[F', 'end'],
  ['\u001bOF', 'end'],
  ['\u001b[4~', 'end'],
  ['\u001b[8~', 'end'],
  ['\u0005', 'end'],
  ['\u007f', 'rubout'],
  ['\b', 'rubout'],
  ['\u001b[3~', 'delete'],
  ['\u0004', 'delete'],
  ['\u0015', 'killToStart'],
  ['\u000b', 'killToEnd'],
  ['\u0017', 'killWordBack'],
  ['\u001b\u007f', 'killWordBack'],
  ['\u001b\b', 'killWordBack'],
  ['\u001b[1;5D', 'wordLeft'],
  ['\u001b[1;3D', 'wordLeft'],
  ['\u001bb', 'wordLeft'],
  ['\u001b[1;5C', 'wordRight'],
  ['\u001b[1;3C', 'wordRight'],
  ['\u001bf', 'wordRight'],
  ['\u0019', 'yank'],
]);

/** How many characters before the cursor the word before it takes, blanks after it too (Ctrl-W, Alt-B). */
function wordBefore(line: LineCells): number {
  const { chars } = line.before;
  let start = chars.length;
  while (start > 0 && /\s/.test(chars[start - 1] ?? '')) start--;
  while (start > 0 && !/\s/.test(chars[start - 1] ?? '')) start--;
  return chars.length - start;
}

/** How many characters after the cursor the word after it takes, blanks before it too (Alt-F). */
function wordAfter(line: LineCells): number {
  const { chars } = line.after;
  let end = chars.length;
  while (end > 0 && /\s/.test(chars[end - 1] ?? '')) end--;
  while (end > 0 && !/\s/.test(chars[end - 1] ?? '')) end--;
  return chars.length - end;
}

/**
 * Typed keys (a line's, up to its Enter) as the line they make: characters inserted at the
 * cursor, the keys of keyActions applied, every other key and control character dropped, Enter
 * too. What a key does in the program that read it may differ (history, completion, vi mode):
 * this is the line as readline would have it, which the transcript masks besides the keys as
 * they came (Masker.guardEdited).
 */
export function typedLine(raw: string): EditedLine {
  return typeLine(raw, Work.for(raw)) ?? typeLine(raw);
}

/** The line `raw` types (its keys removed, not applied, without `work`), or undefined past it. */
function typeLine(raw: string, work: Work): EditedLine | undefined;
function typeLine(raw: string): EditedLine;
function typeLine(raw: string, work?: Work): EditedLine | undefined {
  const line = new LineCells(raw.length + maxReach, work ?? new Work(0));
  let killed = new Cells();
  for (let at = 0; at < raw.length;) {
    keySequence.lastIndex = at;
    const sequence = keySequence.exec(raw)?.[0];
    const key = sequence ?? charAt(raw, at);
    const action = work === undefined ? undefined : keyActions.get(key);
    if (action === 'left') line.move(-1);
    else if (action === 'right') line.after.moveTo(line.before);
    else if (action === 'home' || action === 'end') line.moveToEnd(action === 'home');
    else if (action === 'rubout') line.cutBefore(1);
    else if (action === 'delete') line.cutAfter(1);
    else if (action === 'killToStart') killed = line.cutBefore(line.before.length);
    else if (action === 'killToEnd') killed = line.cutAfter();
    else if (action === 'killWordBack') killed = line.cutBefore(wordBefore(line));
    else if (action === 'wordLeft') line.move(-wordBefore(line));
    else if (action === 'wordRight') line.move(wordAfter(line));
    // Whole or not at all: a part of a secret yanked would be stored unmasked.
    else if (action === 'yank') {
      if (line.fits(killed.length))
        killed.chars.forEach((char, i) => line.put(char, killed.from[i] ?? -1, true));
    }
    // eslint-disable-next-line no-control-regex
    else if (sequence === undefined && !/^[\u0000-\u0008\u000a-\u001f\u007f-\u009f]$/.test(key))
      line.put(key, at, true);
    if (work?.exhausted) return undefined;
    at += key.length;
  }
  const out = new EditedText();
  out.add(line);
  return out.line;
}
