/**
 * The line edits (line-cells.ts; line-edits.ts shownLine and outputEdits; typed-line.ts typedLine
 * and typedEdits) and the masking of a line taken with them (PendingLine.take, Masker.markSpans
 * and guardShown) at their edges, cases found by `npm run mutation`: the work a text's edits may
 * cost before it is withheld, how far a cursor move, a blank or a yank may reach, where inserted
 * blanks and yanked text go, words to the left and right at the line's ends, surrogate pairs and
 * lone halves, the kill ring's order, a secret whole only for a moment and then overwritten,
 * blanked, split or cut (after other text, with the cursor before it), its marks kept by a yank,
 * which secrets an edit marks (those whole within its reach, only where it changes the line: seen
 * in how many masks two secrets side by side make), and marks or `from` entries past the text.
 *
 * Equivalent mutants, which no test can tell apart:
 * - line-cells.ts #slice's `Math.min(end, split)` as `Math.max`: every window ends at the cursor
 *   or after it (a cut before the cursor reaches `reach - 1` past it, and reach is at least 1
 *   whenever there is a secret: longestForm).
 * - line-cells.ts #beforeLoss's `if (spans.length === 0) return` as `false`: the loop over no
 *   span marks nothing; only the cost differs.
 * - line-cells.ts `?? -1` as `?? +1` (Cells.pop's `from`, EditedText.add's `from[at]`, the yank's
 *   `killed.from[i]`): each reads an array as long as the characters it goes with, never undefined.
 * - line-cells.ts EditedText.addChar's `from < 0` as `false`: only blanks have no source, and a
 *   blank is one unit, so `from + 0` is -1 all the same.
 * - line-cells.ts #markOf's `from >= 0` as `true`: `marked[-1]` of a Uint8Array is undefined,
 *   read as 0.
 * - line-cells.ts the cells getter's `end > 0` as `true` or `>= 0`: at 0, `from[-1]` is
 *   undefined, not -1, and the loop stops.
 * - line-cells.ts move's `by < 0` as `by <= 0` (both): a move by 0 takes no step either way.
 * - line-cells.ts charAt's `text[at] ?? ''`, typed-line.ts wordBefore's and wordAfter's
 *   `chars[… - 1] ?? ''` as another text: they are read only inside the text or the line, never
 *   undefined.
 * - typed-line.ts wordBefore's `start > 0` as `start >= 0` (either loop), wordAfter's second loop's
 *   `end > 0` as `true` or `end >= 0`: the count grows by one past the line, or the loop stops at
 *   0 all the same (no character is a word for '' where the loop would go on); cutBefore and move
 *   clamp a count past what is before the cursor.
 * - line-edits.ts showLines's `text[at] === '\u001b' ? lineEdit.exec(text)` as `true ?`: lineEdit
 *   is sticky and starts with ESC, so it matches nowhere else; only the cost differs.
 * - typed-line.ts typeLine's `let lastKilled = false` as `true`: the first kill joins an empty
 *   kill ring, which is the cut itself.
 * - typed-line.ts the control character test's `^` or `$` removed: a key that is no sequence is
 *   one character, a unit or a surrogate pair, whose halves are no control character.
 * - mask.ts markSpans's `source >= 0` as `true`: `into[-1] = 1` on a Uint8Array sets nothing.
 * - pending-line.ts take's `Math.max(0, carry - length)` as `Math.min`: as in
 *   terminal-transcript-survivors.test.ts, a carry below 0 masks as 0 does, and a take shorter
 *   than the carry never leaves a carried character unmasked.
 */
import { describe, expect, it } from 'vitest';
import { id, transcriptSetup } from '../../sessions/transcript-setup';
import {
  editsWithheld,
  outputEdits,
  shownLine,
  type LineEdits,
} from '../../../../electron/plugins/ssh/connection/line-edits';
import { typedEdits, typedLine } from '../../../../electron/plugins/ssh/connection/typed-line';
import { PendingLine } from '../../../../electron/sessions/pending-line';
import { MASK, Masker } from '../../../../electron/plugins/tag-engine';

const far = '\u001b[9999C';

const withheld = { text: editsWithheld, from: [] };

describe('shownLine past its work: withheld', () => {
  it('withholds the text: read with its edits removed, it could hold a secret only they made', () => {
    // 1000 moves of 256 steps each: far past 16 a character and 64 K.
    const text = `ab\u001bc\bX${far.repeat(1000)}`;
    expect(shownLine(text)).toEqual(withheld);
  });

  it('applies them up to the work allowed exactly, and removes them one step past it', () => {
    // A backspace (1), moves of 1 (1 each) and of 9999 (256 each: the reach), against 16 for each
    // character of the text and 65,536: 1 + 15 + 461 × 256 = 16 × 3281 + 65,536 = 118,032.
    const exact = `ab\bX${'a'.repeat(5)}${'\u001b[C'.repeat(15)}${far.repeat(461)}`;
    expect(exact).toHaveLength(3281);
    expect(shownLine(exact).text).toBe('aXaaaaa');
    // 1 + 456 × 256 = 116,737, one more than 16 × 3200 + 65,536.
    const over = `ab\bX${'a'.repeat(4)}${far.repeat(456)}`;
    expect(over).toHaveLength(3200);
    expect(shownLine(over).text).toBe(editsWithheld);
  });

  it('counts the characters blanked: as many as the line holds, not as many as asked', () => {
    const line = 'a'.repeat(1000);
    // 1000 to go left, then 1000 a blank: 51,000 within 16 × 1357 + 65,536.
    expect(shownLine(`${line}\u001b[9999D${'\u001b[9999X'.repeat(50)}`)).toEqual({ text: '', from: [] });
    // 101,000 past 16 × 1707 + 65,536.
    expect(shownLine(`${line}\u001b[9999D${'\u001b[9999X'.repeat(100)}`)).toEqual(withheld);
  });

  it('counts the blanks inserted as well as those deleted', () => {
    // Each ESC [ 9999 @ inserts up to the line's limit (about 1660 blanks), each ESC [ 9999 P
    // deletes them: applied, the line would be `aX`.
    expect(shownLine(`ab\bX${'\u001b[9999@\u001b[9999P'.repeat(100)}`)).toEqual(withheld);
  });
});

describe('shownLine: how far the edits reach', () => {
  it('takes a lone ESC as no character, and applies the edits around it', () => {
    expect(shownLine('ab\u001bc\bX')).toEqual({ text: 'abX', from: [0, 1, 5] });
    expect(shownLine('ab\u001bc\b')).toEqual({ text: 'abc', from: [0, 1, 3], back: 1 });
  });

  it('moves the cursor left as far as asked, past the reach of a move to the right', () => {
    expect(shownLine(`${'a'.repeat(300)}\u001b[300DX`).text).toBe(`X${'a'.repeat(299)}`);
  });

  it('pads a move past the end up to the text length and 256, that limit included', () => {
    // 14 characters: a line of 270 at most, and Y past it.
    expect(shownLine('X\u001b[300C\u001b[300CY').text).toBe(`X${' '.repeat(269)}Y`);
  });

  it('inserts blanks before the rest of the line up to the limit, the rest counted', () => {
    // 14 characters: a line of 270 at most, of which `abc` takes 3.
    expect(shownLine('abc\u001b[3D\u001b[9999@').text).toBe(`${' '.repeat(267)}abc`);
  });

  it('keeps inserted blanks inside a line, each made by the edits (-1)', () => {
    expect(shownLine('abcd\u001b[2D\u001b[2@')).toEqual({
      text: 'ab  cd',
      from: [0, 1, -1, -1, 2, 3],
      back: 4,
    });
  });
});

describe('typedLine past its work: withheld', () => {
  const line = 'a'.repeat(1000);

  it('counts what Ctrl-U kills', () => {
    // 200 kills of 1000 past 16 × 1401 + 65,536: the final Ctrl-U would have left nothing.
    expect(typedLine(`${line}${'\u0015\u0019'.repeat(200)}\u0015`)).toEqual(withheld);
    expect(typedLine(`${line}${'\u0015\u0019'.repeat(10)}\u0015`)).toEqual({ text: '', from: [] });
  });

  it('counts what Ctrl-K kills besides the move home', () => {
    // 60 times 1000 home and 1000 killed: 120,000 past 16 × 1181 + 65,536; 60,000 would be within.
    expect(typedLine(`${line}${'\u0001\u000b\u0019'.repeat(60)}\u0015`)).toEqual(withheld);
  });
});

describe('typedLine: words and yanks', () => {
  it('moves a word right (Alt-F) past that word only', () => {
    expect(typedLine('one two three\u0001\u001bfX').text).toBe('oneX two three');
    expect(typedLine('one two three\u0001\u001b[1;5C\u001b[1;5CX').text).toBe('one twoX three');
  });

  it('yanks at the cursor, before the rest of the line', () => {
    expect(typedLine('abc\u0015xyz\u0001\u0019')).toEqual({
      text: 'abcxyz',
      from: [0, 1, 2, 4, 5, 6],
      back: 3,
    });
  });
});

describe('typedLine: words at the line ends, and the kill ring', () => {
  it('kills or moves over no word where there is none', () => {
    // Alt-Backspace at the line start, Ctrl-W back to it, Alt-F at its end.
    expect(typedLine('ab\u0001\u001b\u007fX').text).toBe('Xab');
    expect(typedLine('abc\u0017X').text).toBe('X');
    expect(typedLine('ab\u001bfX').text).toBe('abX');
  });

  it('moves a word right over what is no word to the line end, and no further', () => {
    expect(typedLine('a..\u001b[D\u001b[D\u001bfX')).toEqual({ text: 'a..X', from: [0, 1, 2, 11] });
  });

  it('moves a word right from inside a word to its end only', () => {
    expect(typedLine('a-bc\u0001\u001bfX').text).toBe('aX-bc');
  });

  it.each([
    [
      'Ctrl-U then Ctrl-K: the second after the first',
      'abcdef\u001b[D\u001b[D\u001b[D\u0015\u000b\u0019',
      'abcdef',
    ],
    ['Ctrl-W then Ctrl-U: the second before the first', 'ab cd\u0017\u0015\u0019', 'ab cd'],
    ['Ctrl-W twice', 'abc def\u0017\u0017\u0019', 'abc def'],
    ['Alt-Backspace twice', 'abc def\u001b\u007f\u001b\u007f\u0019', 'abc def'],
    ['Ctrl-K then Ctrl-U, then other keys', '4421x\u0001Jit-Pw-\u000b\u0015echo \u0019', 'echo Jit-Pw-4421x'],
  ])('joins kills in a row into one yank, in the line order: %s', (_what, raw, text) => {
    expect(typedLine(raw).text).toBe(text);
  });

  it('starts a new kill after any other key', () => {
    expect(typedLine('ab\u0015cd\u0015\u0019').text).toBe('cd');
  });
});

describe('shownLine: surrogate pairs and their lone halves', () => {
  it.each([
    ['a lone low half after a character', 'a\udc00\bX', 'aX'],
    ['a lone high half before a character', '\ud800a\bX', '\ud800X'],
    ['a lone high half before a character past the low halves', '\ud800\ue000\bX', '\ud800X'],
    ['the first pair outside the BMP', 'a\u{10000}\bX', 'aX'],
    ['the last pair outside the BMP', 'a\u{10ffff}\bX', 'aX'],
  ])('steps back over %s as one character', (_what, text, shown) => {
    expect(shownLine(text).text).toBe(shown);
  });
});

describe('outputEdits.removed: a text without edits', () => {
  it('is the text as it came, with no map', () => {
    expect(outputEdits.removed('plain text')).toEqual({ text: 'plain text' });
  });
});

describe('a secret whole only for a moment, while the edits are applied (PendingLine.take)', () => {
  const masker = new Masker(['Jit-Pw-4421x']);
  const take = (edits: LineEdits, text: string) => {
    const line = new PendingLine(masker, edits);
    line.text = text;
    return line.take();
  };
  /** `Jit-Pw-4421x` drawn with a typo (`Jit-Pw-44X`) corrected by a cursor move: whole only then. */
  const drawn = 'Jit-Pw-44X\u001b[1D21x';

  it.each([
    ['written over', `${drawn}\u001b[4DZZZZ`, `${MASK}ZZZZ`],
    ['blanked in its middle', `${drawn}\u001b[4D\u001b[2X`, `${MASK}  ${MASK}`],
    ['split by an inserted blank', `${drawn}\u001b[5D\u001b[1@`, `${MASK} ${MASK}`],
    [
      'erased at its end after other text',
      `${'x'.repeat(20)} ${drawn}\u001b[4D\u001b[K`,
      `${'x'.repeat(20)} ${MASK}`,
    ],
    ['its start deleted, the cursor before it', `ab ${drawn}\u001b[12D\u001b[2P`, `ab ${MASK}`],
  ])('output: %s, what is left of it is masked', (_what, text, stored) => {
    expect(take(outputEdits, text)).toBe(stored);
  });

  it('typed: its end killed and yanked before its start keeps its marks', () => {
    const raw = `Jit-Pw-4421x${'\u001b[D'.repeat(5)}\u000b\u0001\u0019\r`;
    expect(typedLine(raw).text).toBe('4421xJit-Pw-');
    expect(take(typedEdits, raw)).toBe(MASK);
  });
});

describe('Masker.markSpans and guardShown past the text', () => {
  const masker = new Masker(['Jit-Pw-4421x']);

  it('marks nothing for a unit with no entry in `from`', () => {
    const into = new Uint8Array(16);
    masker.markSpans('Jit-Pw-4421x', into, [5]);
    expect(Array.from(into)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('ignores marks past the text', () => {
    expect(masker.guardShown('abc', Uint8Array.of(0, 0, 0, 1))).toBe('abc');
  });
});

/**
 * Which secrets an edit marks, seen through how they are masked: a secret drawn whole only by the
 * edits (`Jit-Pw-44X`, back one, `21x`) is unmarked until an edit sees it, and found in the line
 * it is masked on its own, one MASK beside the MASK of the secret after or before it that came
 * whole; marked, it joins that secret's run, and the two are one MASK.
 */
describe('the secrets an edit marks: within its reach, and only an edit that changes the line', () => {
  const take = (secrets: string[], edits: LineEdits, text: string) => {
    const line = new PendingLine(new Masker(secrets), edits);
    line.text = text;
    return line.take();
  };
  const one = ['Jit-Pw-4421x'];
  /** A second, shorter secret: a window of the reach less one around an edit holds it whole. */
  const two = ['Jit-Pw-4421x', 'ab4ab'];

  it.each([
    ['typed: Backspace at the line start', 'typed', 'ab4aX\u007fbJit-Pw-4421x\u0001\u007f'],
    ['typed: Ctrl-K at the line end', 'typed', 'Jit-Pw-4421xab4aX\u007fb\u000b'],
    ['output: a blank asked for at the line end', 'output', 'Jit-Pw-4421xab4aX\bb\u001b[X'],
    ['output: a blank inserted at the line end', 'output', 'Jit-Pw-4421xab4aX\bb\u001b[@'],
  ])('%s marks nothing: two masks', (_what, kind, text) => {
    expect(take(two, kind === 'typed' ? typedEdits : outputEdits, text)).toBe(`${MASK}${MASK}`);
  });

  it('a blank inserted where the line is full marks nothing', () => {
    // The line filled with blanks up to its limit (the text's length and 256), then written over.
    const text = 'Z\u001b[D\u001b[9999@\u001b[5CJit-Pw-4421x\u001b[99Dab4aX\bb\u001b[@';
    expect(take(two, outputEdits, text)).toBe(`${MASK}${MASK}${' '.repeat(text.length + 256 - 18)}Z`);
  });

  // The reach is the longest form's length: a secret `made` by the edits is marked by a deletion
  // when it lies whole within the reach less one of it, and not when it is one character further.
  const reach = new Masker(one).longestForm;
  const made = 'Jit-Pw-44X\b21x';
  const filler = (far: boolean) => 'y'.repeat(reach - (far ? 12 : 13));
  const masks = (far: boolean) => (far ? `${MASK}${MASK}` : MASK);

  it.each([false, true])('a character deleted before them, at the line start (one further: %s)', (far) => {
    const text = `Q${filler(far)}${made}Jit-Pw-4421x\u001b[9999D\u001b[P`;
    expect(take(one, outputEdits, text)).toBe(`${filler(far)}${masks(far)}`);
  });

  it.each([false, true])('a character deleted before them, after another (one further: %s)', (far) => {
    const text = `PQ${filler(far)}${made}Jit-Pw-4421x\u001b[9999D\u001b[C\u001b[P`;
    expect(take(one, outputEdits, text)).toBe(`P${filler(far)}${masks(far)}`);
  });

  it.each([false, true])('a character deleted right after them (one further: %s)', (far) => {
    const text = `Jit-Pw-4421x${made}${filler(far)}Q\u001b[D\u001b[P`;
    expect(take(one, outputEdits, text)).toBe(`${masks(far)}${filler(far)}`);
  });
});

describe('a cut before the cursor looks where it cuts (found by mutation: a window shifted past it)', () => {
  it('Ctrl-U over a secret made whole by the edits, 40 characters in, marks what it leaves', () => {
    const masker = new Masker(['Jit-Pw-4421x']);
    const line = new PendingLine(masker, typedEdits);
    line.text = `${'y'.repeat(40)}Jit-Pw-44X\u007f21x\u001b[D\u001b[D\u001b[D\u0015\r`;
    expect(line.take()).toBe(MASK);
  });
});

describe('output too costly to read for a prompt, without a line end', () => {
  it('is taken for one: the next typed line is hidden', async () => {
    const { transcripts, recorder } = transcriptSetup();
    const rec = recorder();
    rec.output(Buffer.from(`${'b'.repeat(200)}${'\u001b[200D\u001b[200C'.repeat(400)}`));
    rec.input(Buffer.from('ls\r'));
    await rec.close();
    const entries = (await transcripts.read(id)).entries.map((e) => `${e.kind}:${e.text}`);
    expect(entries).toContain('hidden:[input hidden]');
  });
});
