import {
  Cells,
  charAt,
  EditedText,
  LineCells,
  maxReach,
  Work,
  type EditedLine,
  type SecretWatch,
} from './line-cells';
import { editsWithheld, type LineEdits } from './line-edits';

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

/**
 * How many characters next to the cursor a word takes, with what is no word between it and the
 * cursor: in `line.before` (the word before) or in `line.after` (the word after, as it is held last
 * first, so that its end is at the cursor too).
 */
function wordAtCursor(side: Cells, inWord: (char: string) => boolean): number {
  const { chars } = side;
  let start = chars.length;
  while (start > 0 && !inWord(chars[start - 1] ?? '')) start--;
  while (start > 0 && inWord(chars[start - 1] ?? '')) start--;
  return chars.length - start;
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

/** The line `raw` types, or undefined past `work`. */
function typeLine(raw: string, work: Work, watch?: SecretWatch): EditedLine | undefined {
  // Yanks may grow a line to 16 times the keys that typed it (each one costs its length).
  const line = new LineCells(16 * raw.length + maxReach, work, watch);
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
    const { sequence, key } = keyAt(raw, at);
    const action = keyActions.get(key);
    if (action === 'left') line.move(-1);
    else if (action === 'right') line.after.moveTo(line.before);
    else if (action === 'home' || action === 'end') line.moveToEnd(action === 'home');
    else if (action === 'rubout') line.cutBefore(1);
    else if (action === 'delete') line.cutAfter(1);
    else if (action === 'killToStart') kill(line.cutBefore(line.before.length), true);
    else if (action === 'killToEnd') kill(line.cutAfter(), false);
    else if (action === 'killWordBack') kill(line.cutBefore(wordAtCursor(line.before, blankWord)), true);
    else if (action === 'killAlnumWordBack') kill(line.cutBefore(wordAtCursor(line.before, alnumWord)), true);
    else if (action === 'wordLeft') line.move(-wordAtCursor(line.before, alnumWord));
    else if (action === 'wordRight') line.move(wordAtCursor(line.after, alnumWord));
    // Whole or not at all: a part of a secret yanked would be stored unmasked.
    else if (action === 'yank') line.yank(killed);
    else if (typesItself(sequence, key)) line.put(key, at, true);
    lastKilled = action?.startsWith('kill') ?? false;
    if (work.exhausted) return undefined;
    at += key.length;
  }
  return new EditedText().line(line, watch !== undefined);
}

/** The characters `raw` types, its keys of keyActions and its other keys removed. */
function keysRemoved(raw: string): EditedLine {
  const out = new EditedText();
  for (let at = 0; at < raw.length;) {
    const { sequence, key } = keyAt(raw, at);
    if (typesItself(sequence, key)) out.addChar(key, at);
    at += key.length;
  }
  return out.plain;
}

/** The key sequence at `at`, if one starts there, and the key (the sequence, or one character). */
function keyAt(raw: string, at: number): { sequence: string | undefined; key: string } {
  keySequence.lastIndex = at;
  const sequence = keySequence.exec(raw)?.[0];
  return { sequence, key: sequence ?? charAt(raw, at) };
}

/** A key that types itself: a character, not a sequence, not a control character. */
const typesItself = (sequence: string | undefined, key: string): boolean =>
  // eslint-disable-next-line no-control-regex
  sequence === undefined && !/^[\u0000-\u0008\u000a-\u001f\u007f-\u009f]$/.test(key);

/** The typed keys' edits (readline's). */
export const typedEdits: LineEdits = { apply: typedLine, removed: keysRemoved };
