import { describe, expect, it } from 'vitest';
import {
  editsWithheld,
  outputEdits,
  shownLine,
  type LineEdits,
} from '../../../../electron/plugins/ssh/connection/line-edits';
import { typedEdits, typedLine } from '../../../../electron/plugins/ssh/connection/typed-line';
import { PendingLine } from '../../../../electron/sessions/pending-line';
import { editableText } from '../../../../electron/plugins/ssh/connection/terminal-text';
import { MASK, Masker, WITHHELD } from '../../../../electron/plugins/tag-engine';

const shown = (raw: string) => shownLine(editableText(raw)).text;

describe('shownLine: output lines as the screen shows them', () => {
  it('leaves a text without edits as it came, with no map', () => {
    expect(shownLine('plain\ntext\t1')).toEqual({ text: 'plain\ntext\t1' });
  });

  it.each([
    ['a backspace then a character overwrites', 'abc\bX', 'abX'],
    ['backspaces stop at the line start', 'ab\b\b\b\bX', 'Xb'],
    ['the cursor left and right (CSI D, C)', 'abcd\u001b[3DX\u001b[1CY', 'aXcY'],
    ['right past the end pads with blanks', 'ab\u001b[2CX', 'ab  X'],
    ['erase to the end (CSI K)', 'abcdef\u001b[4D\u001b[K', 'ab'],
    ['delete characters (CSI P)', 'abcdef\u001b[4D\u001b[2P', 'abef'],
    ['blank characters in place (CSI X), not past the end', 'abcdef\u001b[4D\u001b[2X', 'ab  ef'],
    [
      'blanks a cursor move or an erase left at the end are no text',
      'abcdef\u001b[2D\u001b[9X\u001b[3C',
      'abcd',
    ],
    ['insert blanks (CSI @), the cursor stays', 'abcd\u001b[2D\u001b[2@XY', 'abXYcd'],
    ['an 8-bit CSI reads as the 7-bit one', 'abc\u009b2DX', 'aXc'],
    ['a pair outside the BMP is one character', 'a😀\bX', 'aX'],
    ['edits stay in their line', 'one\r\n\b\b\u001b[5PX\r\n', 'one\nX\n'],
    ['other sequences are gone before', 'a\u001b[31mb\u001b[0m\u001b[2Kc', 'abc'],
  ])('%s', (_what, raw, expected) => {
    expect(shown(raw)).toBe(expected);
  });

  it('maps each unit to where it came from, -1 for the blanks the edits made', () => {
    expect(shownLine('ab\u001b[1CX😀')).toEqual({ text: 'ab X😀', from: [0, 1, -1, 6, 7, 8] });
  });

  it('bounds how far a hostile cursor move or insertion reaches', () => {
    const hostile = editableText('x\u001b[9999Cy\u001b[9999@'.repeat(50));
    expect(shownLine(hostile).text.length).toBeLessThan(50 * 520);
  });
});

describe('typedLine: typed keys as the line they make (emacs keys)', () => {
  it.each([
    ['Backspace and Ctrl-H rub out', 'lss\u007fx\b -l\r', 'ls -l'],
    ['Ctrl-U kills to the start, Ctrl-Y yanks it back', 'abc\u0015xyz\u0019', 'xyzabc'],
    ['Ctrl-K kills to the end', 'abcdef\u001b[D\u001b[D\u001b[D\u000bX', 'abcX'],
    ['Ctrl-W kills the word before, blanks before it too', 'echo abc  \u0017X', 'echo X'],
    ['Alt-Backspace kills a word as Ctrl-W', 'echo abc\u001b\u007fX', 'echo X'],
    ['Home, End, Ctrl-A, Ctrl-E', 'bc\u001b[HA\u001b[FD\u0001<\u0005>', '<AbcD>'],
    ['arrows in application mode (SS3) and Ctrl-B, Ctrl-F', 'ac\u001bODb\u0002\u0002\u0006\u001bOC>', 'ab>c'],
    ['Delete and Ctrl-D delete under the cursor', 'abcd\u0001\u001b[3~\u0004', 'cd'],
    [
      'a word left and right (Ctrl and Alt arrows, Alt-B, Alt-F)',
      'one two\u001b[1;5D\u001bb>\u001bf\u001b[1;3C<',
      '>one two<',
    ],
    ['the cursor stays in the line', '\u001b[D\u001b[Dab\u001b[C\u001b[Cc', 'abc'],
    ['history, completion and other keys add nothing', '\u001b[Ae\tc\u001b[15~ho\u0007\r', 'e\tcho'],
    ['a pair outside the BMP is one character', 'a😀\u007fb', 'ab'],
  ])('%s', (_what, raw, expected) => {
    expect(typedLine(raw).text).toBe(expected);
  });

  it('yanks a killed text whole, or withholds the line past its limit: a part of a secret is never made', () => {
    // The limit: 16 for each key and 256 more.
    const typed = (yanks: number) => typedLine(`${'x'.repeat(100)}\u0015${'\u0019'.repeat(yanks)}`).text;
    expect(typed(20)).toBe('x'.repeat(2000));
    expect(typed(30)).toBe(editsWithheld);
  });

  it('maps each unit to the key that typed it, yanked ones too', () => {
    expect(typedLine('ab\u0015c\u0019')).toEqual({ text: 'cab', from: [3, 0, 1] });
  });
});

describe('a pending line taken with its edits (PendingLine, Masker.markSpans, guardShown)', () => {
  const masker = new Masker(['Jit-Pw-4421x']);
  const take = (edits: LineEdits, text: string) => {
    const line = new PendingLine(masker, edits);
    line.text = text;
    return line.take();
  };

  it.each([
    ['made whole by a backspace', 'Jit-Pw-44X\b21x', MASK],
    ['cut into by the edits: what is left of it, only', 'a Jit-Pw-4421x\b\b\bXYZ b', `a ${MASK}XYZ b`],
    ['whole only with the edits removed', 'Jit-Pw-44\b21x', MASK],
    ['whole for a moment, then partly erased', 'Jit-Pw-44X\u001b[1D21x\u001b[4D\u001b[K', MASK],
    ['rewritten over itself after its end was erased', 'Jit-Pw-4421x\u001b[5D\u001b[K\u001b[7DJit-Pw-', MASK],
    ['split by an inserted blank, then written over', 'Jit-Pw-4421x\u001b[5D\u001b[1@X', `${MASK}X${MASK}`],
  ])('output: a secret %s', (_what, text, stored) => {
    expect(take(outputEdits, text)).toBe(stored);
  });

  it.each([
    [
      'typed whole, then partly rubbed out and retyped',
      'Jit-Pw-44X\u007f21x\u007f\u007f\u007f\u007fZZZZ\r',
      `${MASK}ZZZZ`,
    ],
    ['killed in two kills and yanked as one', '4421x\u0001Jit-Pw-\u000b\u0015echo \u0019\r', `echo ${MASK}`],
    [
      'after a long line, the End key',
      `${'a'.repeat(300)}Jit-Pw-\u0001\u00054421x\r`,
      `${'a'.repeat(300)}${MASK}`,
    ],
  ])('typed: a secret %s', (_what, text, stored) => {
    expect(take(typedEdits, text)).toBe(stored);
  });

  it('a text without edits is guarded as it came', () => {
    expect(take(outputEdits, 'x Jit-Pw-4421x')).toBe(`x ${MASK}`);
    expect(take(outputEdits, 'Jit-Pw- 4421x')).toBe(WITHHELD);
  });
});
