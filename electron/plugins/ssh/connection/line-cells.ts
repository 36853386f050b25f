import { isHighSurrogate } from '../../../../shared/domain/text-rules';

/**
 * A terminal line as cells under a cursor, for line-edits.ts and typed-line.ts to apply edits to:
 * each character with where it came from and whether it is a secret's, what the edits cost, and
 * the text and marks they leave.
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

/**
 * Past the end of what a line holds, how far a cursor move may reach, and by how many blanks an
 * edit may grow it past the text it came from: a terminal stops at its right margin, and a hostile
 * `ESC [ 9999 C` or `ESC [ 9999 @` before each character must not grow a line ten thousand times.
 */
export const maxReach = 256;

/**
 * Characters (a pair outside the BMP as one), each with where it came from and its mark: one side
 * of the cursor.
 */
export class Cells {
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
 * edit 1 for each 16 characters read and 1 for each occurrence found. Home and End typed in turn
 * over a long line, or a hostile `ESC [ 9999 D` and `C` in turn, would otherwise cost the line's
 * length each (a second for a pasted 16 K block). Past it, the text is withheld (editsWithheld).
 */
export class Work {
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
export class LineCells {
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
export class EditedText {
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

  /** The text as added, with no line of cells after it (edits removed, nothing marked). */
  get plain(): EditedLine {
    return { text: this.#text, from: this.#from };
  }

  /** The text, `last` its last line; its marks too when they were kept (`watched`). */
  line(last: LineCells, watched: boolean): EditedLine {
    const back = this.add(last) - last.before.length;
    const line = { text: this.#text, from: this.#from, ...(back > 0 ? { back } : {}) };
    return watched ? { ...line, masked: Uint8Array.from(this.#masked) } : line;
  }
}

/** The character (a whole pair outside the BMP) at `at` in `text`. */
export function charAt(text: string, at: number): string {
  const low = text.charCodeAt(at + 1);
  return isHighSurrogate(text.charCodeAt(at)) && low >= 0xdc00 && low <= 0xdfff
    ? text.slice(at, at + 2)
    : (text[at] ?? '');
}
