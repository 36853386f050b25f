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
  /** With a SecretWatch: for each unit of `text`, 1 where it is to be masked. */
  readonly masked?: Uint8Array;
  /**
   * How many characters of the last line are after the cursor, where the edits left it (none:
   * undefined): what a next text's edits start from (the recorder's last line, read for a
   * password prompt).
   */
  readonly back?: number;
}

/**
 * What a text whose edits cost more than its Work allows is stored as: past that it is built to
 * be costly (a cursor sent back and forth across a long line), and read with its edits removed
 * it could hold a secret that only they made.
 */
export const editsWithheld = '[withheld: more cursor moves and edits than a transcript follows]';

/**
 * What the edits are applied under, for a transcript (PendingLine): which characters of the text
 * came from a secret, and where the session's secrets occur in a line. A character keeps its mark
 * as the cursor moves it; before an edit takes a character out of the line, splits it, or writes
 * over it, the secrets (each of their forms) shown whole around it mark their characters: what
 * that edit leaves of them is masked, though the line never shows them whole again (a password
 * typed, corrected, then partly erased).
 */
export interface SecretWatch {
  /** By index in the text edited: 1 for a character that came from a secret (Masker.markSpans). */
  readonly marked: Uint8Array;
  /** The longest form of a secret: how far from an edit a secret it breaks may reach. */
  readonly reach: number;
  /** Where the session's secrets occur in a piece of a line, start and end (Masker.spans). */
  spans(text: string): readonly (readonly [number, number])[];
}

/** The edits of one kind of text (output, typed keys), applied and removed. */
export interface LineEdits {
  apply(text: string, watch?: SecretWatch): EditedLine;
  /** The text with its edits removed, each character where it came from (what masking read before). */
  removed(text: string): EditedLine;
}

/**
 * Past the end of what a line holds, how far a cursor move may reach, and by how many blanks an
 * edit may grow it past the text it came from: a terminal stops at its right margin, and a hostile
 * `ESC [ 9999 C` or `ESC [ 9999 @` before each character must not grow a line ten thousand times.
 */
const maxReach = 256;

/**
 * Characters (a pair outside the BMP as one), each with where it came from and its mark: one side
 * of the cursor.
 */
class Cells {
  constructor(
    readonly chars: string[] = [],
    readonly from: number[] = [],
    readonly marks: number[] = [],
  ) {}

  get length(): number {
    return this.chars.length;
  }

  push(char: string, from: number, mark: number): void {
    this.chars.push(char);
    this.from.push(from);
    this.marks.push(mark);
  }

  /** The last one removed; undefined when there is none. */
  pop(): { char: string; from: number; mark: number } | undefined {
    const char = this.chars.pop();
    const from = this.from.pop() ?? -1;
    const mark = this.marks.pop() ?? 0;
    return char === undefined ? undefined : { char, from, mark };
  }

  /** The last one moved onto `to`; false when there is none. */
  moveTo(to: Cells): boolean {
    const cell = this.pop();
    if (cell !== undefined) to.push(cell.char, cell.from, cell.mark);
    return cell !== undefined;
  }

  /** The last `count` removed, first to last as they stand. */
  cut(count: number): Cells {
    const at = Math.max(0, this.length - count);
    return new Cells(this.chars.splice(at), this.from.splice(at), this.marks.splice(at));
  }
}

/**
 * How much the edits of one text may cost, over all its lines: 16 for each of its characters and
 * 64 K more, a character moved, cut, blanked or yanked costing 1, a secret looked for around an
 * edit 1 for each 16 characters read and 1 for each occurrence found. Home and End typed in turn over a long line, or a hostile
 * `ESC [ 9999 D` and `C` in turn, would otherwise cost the line's length each (a second for a
 * pasted 16 K block). Past it, the text is withheld (editsWithheld).
 */
class Work {
  spent = 0;
  constructor(private readonly budget: number) {}

  static for(text: string, base = 65_536): Work {
    return new Work(16 * text.length + base);
  }

  get exhausted(): boolean {
    return this.spent > this.budget;
  }

  /** What cannot be done whole (a yank past the line's limit) ends the work. */
  exhaust(): void {
    this.spent = Infinity;
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
   * line is shorter than `limit`: the text's length and `maxReach`. A character of the text itself
   * is never dropped: a secret cut short by a cap would be stored in part, unmasked.
   */
  constructor(
    private readonly limit: number,
    private readonly work: Work,
    private readonly watch?: SecretWatch,
  ) {}

  /** Whether `count` more characters that are not the text's own may be made. */
  fits(count: number): boolean {
    return this.length + count <= this.limit;
  }

  get length(): number {
    return this.before.length + this.after.length;
  }

  /**
   * Writes `char` over the character under the cursor (`insert`: before it), then steps past it.
   * `mark`: a yanked character's own; by default, its source's in the watch.
   */
  put(char: string, from: number, insert = false, mark = this.#markOf(from)): void {
    const cursor = this.before.length;
    if (this.after.length > 0) this.#beforeLoss(cursor, insert ? 0 : 1);
    const under = insert ? undefined : this.after.pop();
    // The same character written again stays what it was: a secret's, if it was one.
    this.before.push(char, from, under?.char === char ? under.mark | mark : mark);
  }

  /**
   * `cells` inserted at the cursor, each with its mark, as readline's yank: whole or, past the
   * line's limit, not at all and the work ended (a part of a secret would be stored unmasked).
   */
  yank(cells: Cells): void {
    if (!this.fits(cells.length)) return this.work.exhaust();
    this.work.spent += cells.length;
    cells.chars.forEach((char, i) => this.put(char, cells.from[i] ?? -1, true, cells.marks[i] ?? 0));
  }

  /** The cursor by `by` (less than 0: to the left), between the line's start and its reach. */
  move(by: number): void {
    const steps = Math.min(Math.abs(by), by < 0 ? this.before.length : this.after.length + maxReach);
    this.work.spent += steps;
    for (let step = 0; step < steps; step++) {
      if (by < 0) this.before.moveTo(this.after);
      else if (!this.after.moveTo(this.before) && this.fits(1)) this.before.push(' ', -1, 0);
    }
  }

  /** The cursor to the line's start or end. */
  moveToEnd(start: boolean): void {
    this.move(start ? -this.before.length : this.after.length);
  }

  /** The last `count` characters before the cursor, removed (Backspace, Ctrl-U, Ctrl-W). */
  cutBefore(count: number): Cells {
    const steps = Math.min(count, this.before.length);
    this.work.spent += steps;
    if (steps > 0) this.#beforeLoss(this.before.length - steps, steps);
    return this.before.cut(steps);
  }

  /** What is after the cursor, removed (Ctrl-K, ESC [ K), or the first `count` of it (ESC [ P). */
  cutAfter(count = this.after.length): Cells {
    const cut = new Cells();
    const steps = Math.min(count, this.after.length);
    this.work.spent += steps;
    if (steps > 0) this.#beforeLoss(this.before.length, steps);
    for (let step = 0; step < steps; step++) this.after.moveTo(cut);
    return cut;
  }

  /** Blanks in place of `count` characters from the cursor, as far as the line goes. */
  blank(count: number): void {
    const { from, chars, marks } = this.after;
    const steps = Math.min(count, chars.length);
    this.work.spent += steps;
    if (steps > 0) this.#beforeLoss(this.before.length, steps);
    for (let at = chars.length - 1; at >= chars.length - steps; at--) {
      chars[at] = ' ';
      from[at] = -1;
      marks[at] = 0;
    }
  }

  /** `count` blanks inserted at the cursor, which stays. */
  insertBlanks(count: number): void {
    const steps = Math.max(0, Math.min(count, this.limit - this.length));
    this.work.spent += steps;
    if (steps > 0 && this.after.length > 0) this.#beforeLoss(this.before.length, 0);
    for (let step = 0; step < steps; step++) this.after.push(' ', -1, 0);
  }

  /** The line, start to end; blanks a cursor move made at its end are no text. */
  get cells(): Cells {
    const all = this.#slice(0, this.length);
    let end = all.length;
    while (end > 0 && all.from[end - 1] === -1) end--;
    all.chars.length = end;
    all.from.length = end;
    all.marks.length = end;
    return all;
  }

  #markOf(from: number): number {
    return from >= 0 ? (this.watch?.marked[from] ?? 0) : 0;
  }

  /** Characters `start` to `end` of the line (0 is its start), a copy. */
  #slice(start: number, end: number): Cells {
    const { before, after } = this;
    const split = before.length;
    const pick = <T>(ahead: T[], behind: T[]): T[] =>
      ahead
        .slice(Math.min(start, split), Math.min(end, split))
        .concat(
          behind
            .slice(Math.max(0, after.length - (end - split)), Math.max(0, after.length - (start - split)))
            .reverse(),
        );
    return new Cells(
      pick(before.chars, after.chars),
      pick(before.from, after.from),
      pick(before.marks, after.marks),
    );
  }

  /**
   * Before an edit takes `count` characters out from `at`, splits the line there (0), or writes
   * over it: the secrets shown whole within the watch's reach of it mark their characters.
   */
  #beforeLoss(at: number, count: number): void {
    const { watch } = this;
    if (watch === undefined) return;
    const start = Math.max(0, at - watch.reach + 1);
    const window = this.#slice(start, Math.min(this.length, at + count + watch.reach - 1));
    const spans = watch.spans(window.chars.join(''));
    // A secret of one character repeated, in a run of it, occurs at each unit: spans cost too.
    this.work.spent += window.length / 16 + spans.length;
    if (spans.length === 0) return;
    // Units to characters: a pair outside the BMP is one character, two units.
    const cellOfUnit = window.chars.flatMap((char, cell) => Array<number>(char.length).fill(cell));
    // Spans come by start; each unit is marked once, however many spans overlap it (a secret of
    // one character repeated, in a run of it, has one span at each unit).
    let markedTo = 0;
    for (const [from, to] of spans) {
      for (let unit = Math.max(from, markedTo); unit < to; unit++)
        this.#mark(start + (cellOfUnit[unit] ?? 0));
      markedTo = Math.max(markedTo, to);
    }
  }

  /** Marks the character at `at` of the line. */
  #mark(at: number): void {
    const { before, after } = this;
    if (at < before.length) before.marks[at] = 1;
    else after.marks[after.length - 1 - (at - before.length)] = 1;
  }
}

/** Lines of cells joined into an EditedLine, each unit with where it came from and its mark. */
class EditedText {
  #text = '';
  #from: number[] = [];
  #masked: number[] = [];

  /** Adds `line`'s characters; answers how many it holds (its blanks at the end not counted). */
  add(line: LineCells): number {
    const { chars, from, marks } = line.cells;
    chars.forEach((char, at) => this.addChar(char, from[at] ?? -1, marks[at] ?? 0));
    return chars.length;
  }

  addChar(char: string, from: number, mark = 0): void {
    this.#text += char;
    for (let unit = 0; unit < char.length; unit++) {
      this.#from.push(from < 0 ? -1 : from + unit);
      this.#masked.push(mark);
    }
  }

  /** The text, `last` its last line; its marks too when they were kept (`watched`). */
  line(last: LineCells, watched: boolean): EditedLine {
    const back = this.add(last) - last.before.length;
    const line = { text: this.#text, from: this.#from, ...(back > 0 ? { back } : {}) };
    return watched ? { ...line, masked: Uint8Array.from(this.#masked) } : line;
  }
}

/** The character (a whole pair outside the BMP) at `at` in `text`. */
function charAt(text: string, at: number): string {
  const low = text.charCodeAt(at + 1);
  return isHighSurrogate(text.charCodeAt(at)) && low >= 0xdc00 && low <= 0xdfff
    ? text.slice(at, at + 2)
    : (text[at] ?? '');
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

/** The lines of `text` with their edits applied (removed without `work`), or undefined past it. */
function showLines(text: string, work: Work, watch?: SecretWatch): EditedLine | undefined;
function showLines(text: string): EditedLine;
function showLines(text: string, work?: Work, watch?: SecretWatch): EditedLine | undefined {
  const out = new EditedText();
  const limit = text.length + maxReach;
  let line = new LineCells(limit, work ?? new Work(0), watch);
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
      line = new LineCells(limit, work, watch);
    } else if (char !== '\u001b') line.put(char, at);
    if (work?.exhausted) return undefined;
    at += char.length;
  }
  return out.line(line, watch !== undefined);
}

/** The output's edits (editableText's). */
export const outputEdits: LineEdits = {
  apply: shownLine,
  removed: (text) => (holdsEdits(text) ? showLines(text) : { text }),
};

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
  | 'killAlnumWordBack'
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
  ['\u001b\u007f', 'killAlnumWordBack'],
  ['\u001b\b', 'killAlnumWordBack'],
  ['\u001b[1;5D', 'wordLeft'],
  ['\u001b[1;3D', 'wordLeft'],
  ['\u001bb', 'wordLeft'],
  ['\u001b[1;5C', 'wordRight'],
  ['\u001b[1;3C', 'wordRight'],
  ['\u001bf', 'wordRight'],
  ['\u0019', 'yank'],
]);

/** A word's character for Ctrl-W (not a blank), and for the Alt keys (a letter or a digit). */
const blankWord = (char: string): boolean => !/\s/.test(char);
const alnumWord = (char: string): boolean => /[\p{L}\p{N}]/u.test(char);

/** How many characters before the cursor the word before it takes, what is no word after it too. */
function wordBefore(line: LineCells, inWord: (char: string) => boolean): number {
  const { chars } = line.before;
  let start = chars.length;
  while (start > 0 && !inWord(chars[start - 1] ?? '')) start--;
  while (start > 0 && inWord(chars[start - 1] ?? '')) start--;
  return chars.length - start;
}

/** How many characters after the cursor the word after it takes, what is no word before it too. */
function wordAfter(line: LineCells, inWord: (char: string) => boolean): number {
  const { chars } = line.after;
  let end = chars.length;
  while (end > 0 && !inWord(chars[end - 1] ?? '')) end--;
  while (end > 0 && inWord(chars[end - 1] ?? '')) end--;
  return chars.length - end;
}

/**
 * Typed keys (a line's, up to its Enter) as the line they make: characters inserted at the
 * cursor, the keys of keyActions applied, every other key and control character dropped, Enter
 * too. What a key does in the program that read it may differ (history, completion, vi mode):
 * this is the line as readline would have it, which the transcript masks besides the keys as
 * they came (PendingLine).
 */
export function typedLine(raw: string, watch?: SecretWatch): EditedLine {
  return typeLine(raw, Work.for(raw), watch) ?? { text: editsWithheld, from: [] };
}

/** The line `raw` types (its keys removed, not applied, without `work`), or undefined past it. */
function typeLine(raw: string, work: Work, watch?: SecretWatch): EditedLine | undefined;
function typeLine(raw: string): EditedLine;
function typeLine(raw: string, work?: Work, watch?: SecretWatch): EditedLine | undefined {
  // Yanks may grow a line to 16 times the keys that typed it (each one costs its length).
  const line = new LineCells(16 * raw.length + maxReach, work ?? new Work(0), watch);
  let killed = new Cells();
  let lastKilled = false;
  /** Kills in a row make one text to yank, as readline's kill ring does: before it, or after. */
  const kill = (cut: Cells, backward: boolean) => {
    const [first, second] = lastKilled ? (backward ? [cut, killed] : [killed, cut]) : [cut, new Cells()];
    killed = new Cells(
      first.chars.concat(second.chars),
      first.from.concat(second.from),
      first.marks.concat(second.marks),
    );
  };
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
    else if (action === 'killToStart') kill(line.cutBefore(line.before.length), true);
    else if (action === 'killToEnd') kill(line.cutAfter(), false);
    else if (action === 'killWordBack') kill(line.cutBefore(wordBefore(line, blankWord)), true);
    else if (action === 'killAlnumWordBack') kill(line.cutBefore(wordBefore(line, alnumWord)), true);
    else if (action === 'wordLeft') line.move(-wordBefore(line, alnumWord));
    else if (action === 'wordRight') line.move(wordAfter(line, alnumWord));
    // Whole or not at all: a part of a secret yanked would be stored unmasked.
    else if (action === 'yank') line.yank(killed);
    // eslint-disable-next-line no-control-regex
    else if (sequence === undefined && !/^[\u0000-\u0008\u000a-\u001f\u007f-\u009f]$/.test(key))
      line.put(key, at, true);
    lastKilled = action?.startsWith('kill') ?? false;
    if (work?.exhausted) return undefined;
    at += key.length;
  }
  return new EditedText().line(line, watch !== undefined);
}

/** The typed keys' edits (readline's). */
export const typedEdits: LineEdits = { apply: typedLine, removed: (raw) => typeLine(raw) };
