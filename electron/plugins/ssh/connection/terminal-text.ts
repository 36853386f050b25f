import { pairSafeCut } from '../../../../shared/domain/text-rules';

/**
 * What a terminal shows, as text patterns can be matched against: the PTY's byte stream minus
 * escape sequences (colours, titles, bracketed-paste toggles) and carriage returns.
 */

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), DCS/SOS/PM/APC strings, and the short
// two- or three-byte ESC sequences (charset designation, keypad modes). An escape sequence cut
// at the end of a chunk matches the first, "unfinished" alternative and is dropped too (a string
// that ends in the ESC of its terminator ESC \ included): it is re-read whole once the rest
// arrives, because callers normalise the whole window each time (or hold it: TerminalTextStream).
const unfinished = String.raw`(?:\u001b(?:\[[0-?]*[ -/]*|\][^\u0007\u001b]*\u001b?|[PX^_][^\u001b]*\u001b?|[ -/]*)?|\u009b[0-?]*[ -/]*)$`;
const finished = String.raw`\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[PX^_][^\u001b]*\u001b\\|\u001b[ -/]*[0-~]|\u009b[0-?]*[ -/]*[@-~]`;
const escapeSequence = new RegExp(`${unfinished}|${finished}`, 'g');
/** The "unfinished" alternative alone: what a part kept by TerminalTextStream must not end with. */
const unfinishedEscape = new RegExp(unfinished);

// Every other control character except line feed and tab: CR, BEL, backspace, NUL, DEL, and the
// C1 controls (U+0080 to U+009F), none of which a terminal prints. With them gone, no ESC, C1 CSI
// or CR is left, so terminalText of its own result changes nothing: a text stored already
// converted reads back as stored.
// eslint-disable-next-line no-control-regex
const otherControls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * What readline sends when the echo of a long line reaches the right margin: the character
 * there again after a CR (`X\rX`), or a space and a CR (` \r`) when the next one is not typed
 * yet. Read with the CR dropped, either cuts a secret in two (`cOOA4`, `cO A4`), and neither
 * masking nor the echo's removal would recognise it. A CR followed by a line feed or by another
 * character is no wrap and stays for the rule below.
 */
// Not the final of a lineEdit kept by editableText (`ESC [ 1 D`, then `\rD`).
// eslint-disable-next-line no-control-regex
const wrapRepeat = /(?<!\u001b\[\d{0,4})([^\s])\r\1/g;
const wrapBlank = / \r(?=[^\r\n])/g;

/** The echo as typed: wrap artefacts of a line longer than the terminal is wide removed. */
export function withoutWrapArtefacts(text: string): string {
  return text.replace(wrapRepeat, '$1').replace(wrapBlank, '');
}

/**
 * Terminal output as plain text: escape sequences removed, wrap artefacts undone, then every
 * other control character (CR included) removed.
 */
export function terminalText(raw: string): string {
  return withoutWrapArtefacts(raw.replace(escapeSequence, '')).replace(otherControls, '');
}

/**
 * The edits a line takes as it is shown, kept by editableText for line-edits.ts to apply: the
 * cursor moved left (D) or right (C), erased to the end of the line (K, K0), characters deleted
 * (P), inserted blank (@) or blanked (X). Backspace is kept as itself.
 */
const lineEditSource = String.raw`\u001b\[(\d{0,4})([DCKPX@])`;
/** Sticky: set lastIndex, then exec, to read one at a position. */
export const lineEdit = new RegExp(lineEditSource, 'y');

// A CSI that is one of those edits, read as a terminal reads it (one numeric parameter at most,
// 0 or none for 1). `ESC [ 1 K`, erase to the line's start, and `2 K`, the whole line, are not:
// where the line starts on the screen is not known here once CRs are gone.
// eslint-disable-next-line no-control-regex
const editSequence = /^(?:\u001b\[|\u009b)(?:(\d*)([DCPX@])|0*K)$/;

/** `sequence` as the canonical lineEdit when it is one, or nothing. */
function keptEdit(sequence: string): string {
  const edit = editSequence.exec(sequence);
  if (edit === null) return '';
  if (edit[2] === undefined) return '\u001b[K';
  return `\u001b[${Math.min(Number(edit[1]) || 1, 9999)}${edit[2]}`;
}

// otherControls, sparing backspace and the ESC of a kept lineEdit.
const otherControlsButEdits = new RegExp(
  String.raw`(?!${lineEditSource})[\u0000-\u0007\u000b-\u001f\u007f-\u009f]`,
  'g',
);

/**
 * Terminal output as terminalText reads it, but with the line edits (backspace, and the cursor
 * moves and erases of lineEdit) kept in it, for the transcript to apply them (line-edits.ts): a
 * typo corrected as a secret is typed is then stored as the secret the screen showed, and masked.
 */
export function editableText(raw: string): string {
  return withoutWrapArtefacts(raw.replace(escapeSequence, keptEdit)).replace(otherControlsButEdits, '');
}

/** An escape sequence still open at the end of a text, kept for the rest to come. */
const maxHeldEscape = 4096;

/**
 * editableText over a stream of chunks, each piece converted once: what the terminal shows, its
 * line edits still to apply, as it comes. The end of each chunk is held until the next when the rest could change how it
 * reads: an escape sequence not finished yet (up to 4 KiB: past that it is converted, and dropped,
 * as it stands), and the last character with a CR before it, if any (readline's `X\rX` may be
 * cut anywhere), unless it ends a line. A character outside the BMP stays whole.
 */
export class TerminalTextStream {
  #held = '';

  /** The text of `chunk` (and of what was held) that can be converted now. */
  push(chunk: string): string {
    const text = this.#held + chunk;
    const at = holdFrom(text);
    this.#held = text.slice(at);
    return editableText(text.slice(0, at));
  }

  /** What is held, as it would read if nothing more came (the prompt check reads it). */
  get heldText(): string {
    return editableText(this.#held);
  }

  /** Everything held, converted: the stream has ended. */
  end(): string {
    const rest = this.#held;
    this.#held = '';
    return editableText(rest);
  }
}

function holdFrom(text: string): number {
  // Where each escape sequence ending at a position starts: stepping back over one steps over all.
  const startOf = new Map<number, number>();
  let at = text.length;
  for (const match of text.matchAll(escapeSequence)) {
    const end = match.index + match[0].length;
    startOf.set(end, match.index);
    // The last sequence that reaches the end may be unfinished (or end at the very last byte).
    if (end === text.length) at = match.index;
  }
  if (text.length - at > maxHeldEscape) return text.length;
  /** Where the shown character before `from` starts (escape sequences skipped, a pair whole), or -1. */
  const before = (from: number): number => {
    let to = from;
    for (let start = startOf.get(to); start !== undefined && start < to; start = startOf.get(to)) to = start;
    return pairSafeCut(text, to - 1);
  };
  /**
   * Where to cut before `from`: the last shown character goes too, unless it ends a line or is a
   * tab (what comes next may repeat it after a CR, `X\rX`, or it is the CR or blank of a ` \r`);
   * with a CR, the character before that CR too. Never inside a UTF-16 pair.
   */
  const shownCut = (from: number): number => {
    const last = before(from);
    let cut = last;
    if (last < 0 || text[last] === '\n' || text[last] === '\t') cut = from;
    else if (text[last] === '\r') cut = Math.max(before(last), 0);
    else if (before(last) >= 0 && text[before(last)] === '\r') cut = Math.max(before(before(last)), 0);
    return pairSafeCut(text, cut);
  };
  // A last character behind more than 4 KiB of escape sequences is given out: held, it would be
  // searched again at each chunk (a run of `ESC [ 1 C` after one character held it all). The
  // characters a cut holds besides the escapes: the last one, a CR, the one before it, a pair each.
  const tail = at;
  at = shownCut(at);
  if (text.length - at > maxHeldEscape + 6) at = tail;
  // Cut there, the kept part may end in what reads as an escape sequence not finished where the
  // whole holds none (`\u009b1` of `\u009b10\u009b`): that is held too (with the character before
  // it), up to the same 4 KiB. Only the tail is searched, and only a few times (a run of C1 CSIs
  // would move it back one character a search).
  for (let moved = true, searches = 0; moved && at > 0 && searches < 4; searches++) {
    const from = Math.max(0, at - maxHeldEscape - 2);
    const found = unfinishedEscape.exec(text.slice(from, at));
    moved = found !== null && text.length - (from + found.index) <= maxHeldEscape;
    if (moved && found) at = shownCut(from + found.index);
  }
  return at;
}
