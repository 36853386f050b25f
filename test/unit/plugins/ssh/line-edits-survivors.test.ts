/**
 * The line edits (line-edits.ts shownLine and typedLine) at their edges, cases found by
 * `npm run mutation`: the work a text's edits may cost before they are removed instead of applied
 * (each edit's share of it, and the exact bound), how far a cursor move, a blank or a yank may
 * reach, where inserted blanks and yanked text go, a word to the right, and a lone ESC. The
 * equivalent mutants are listed in docs/testing.md's figures for the "terminal transcript" module.
 */
import { describe, expect, it } from 'vitest';
import { editsWithheld, shownLine, typedLine } from '../../../../electron/plugins/ssh/connection/line-edits';

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
