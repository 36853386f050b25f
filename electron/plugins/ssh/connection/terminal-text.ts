/**
 * What a terminal shows, as text patterns can be matched against: the PTY's byte stream minus
 * escape sequences (colours, titles, bracketed-paste toggles) and carriage returns.
 */

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), DCS/SOS/PM/APC strings, and the short
// two- or three-byte ESC sequences (charset designation, keypad modes). An escape sequence cut
// at the end of a chunk matches the first, "unfinished" alternative and is dropped too: it is
// re-read whole once the rest arrives, because callers normalise the whole window each time.
const escapeSequence =
  // eslint-disable-next-line no-control-regex
  /\u001b(?:\[[0-?]*[ -/]*|\][^\u0007\u001b]*|[PX^_][^\u001b]*|[ -/]*)?$|\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[PX^_][^\u001b]*\u001b\\|\u001b[ -/]*[0-~]|\u009b[0-?]*[ -/]*[@-~]/g;

// Every other control character except line feed and tab: CR, BEL, backspace, NUL, DEL.
// eslint-disable-next-line no-control-regex
const otherControls = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * What readline sends when the echo of a long line reaches the right margin: the character
 * there again after a CR (`X\rX`), or a space and a CR (` \r`) when the next one is not typed
 * yet. Read with the CR dropped, either cuts a secret in two (`cOOA4`, `cO A4`), and neither
 * masking nor the echo's removal would recognise it. A CR followed by a line feed or by another
 * character is no wrap and stays for the rule below.
 */
const wrapRepeat = /([^\s])\r\1/g;
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
