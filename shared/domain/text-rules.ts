/**
 * What a user may type in a name or label (device name, vendor, user name, template name...).
 *
 * Refused everywhere:
 * - C0 controls (U+0000–U+001F), DEL (U+007F) and C1 controls (U+0080–U+009F): they break CSV,
 *   terminals and templates, and nobody types them on purpose;
 * - bidirectional formatting characters: the embeddings and overrides U+202A–U+202E, the isolates
 *   U+2066–U+2069, and also the invisible marks U+200E, U+200F and U+061C. They make text display
 *   in another order than it is stored ("Trojan Source"), and the marks make two names that look
 *   the same differ. A name never needs them: right-to-left letters display correctly on their own;
 * - half of a UTF-16 surrogate pair: it is no character, and would be stored as U+FFFD.
 *
 * Multi-line fields (a template's content and description) keep tab, line feed and carriage return;
 * single-line fields also refuse the Unicode line and paragraph separators (U+2028, U+2029).
 */
export interface TextRuleOptions {
  readonly multiline?: boolean;
}

/** The first half of a UTF-16 surrogate pair: a cut right after it splits a character in two. */
export const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

const isBidiControl = (cp: number) =>
  cp === 0x061c ||
  cp === 0x200e ||
  cp === 0x200f ||
  (cp >= 0x202a && cp <= 0x202e) ||
  (cp >= 0x2066 && cp <= 0x2069);

const isControl = (cp: number) => cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f);

const multilineAllowed = new Set([0x09, 0x0a, 0x0d]);

/** `U+202E`: how a character is named in messages (never the character itself: it is invisible). */
export const codePointName = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Whether a cut at `at` leaves the first half of a character outside the BMP before it: each half
 * kept on its own would read as U+FFFD.
 */
export const splitsPair = (text: string, at: number): boolean =>
  at > 0 && isHighSurrogate(text.charCodeAt(at - 1));

/** `at`, or one less where a cut there would split a UTF-16 pair in two. */
export const pairSafeCut = (text: string, at: number): number => (splitsPair(text, at) ? at - 1 : at);

/**
 * `text` cut to its first `maxChars` characters (never between the two halves of a character
 * outside the BMP), saying how many more there were; `text` itself when it is no longer.
 */
export function textCut(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = pairSafeCut(text, maxChars);
  return `${text.slice(0, cut)}… (${(text.length - cut).toLocaleString('en-US')} more characters not kept)`;
}

const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with each bidirectional formatting character named in its place (`⟨U+202E⟩`), for what a
 * reviewer reads that a target or a session's user wrote (transcripts, results, server messages):
 * there an override would show text in another order than it was sent, and a mark is invisible.
 */
export const bidiShown = (text: string): string =>
  text.replace(bidiControls, (char) => `⟨${codePointName(char.codePointAt(0) ?? 0)}⟩`);

/**
 * Why `text` is refused as the field `label`, or undefined when it is fine. The message names the
 * field and the first offending character by its code point.
 */
export function textProblem(text: string, label: string, options: TextRuleOptions = {}): string | undefined {
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isControl(cp) && !(options.multiline === true && multilineAllowed.has(cp))) {
      return options.multiline === true
        ? `${label} contains a control character (${codePointName(cp)}); only tabs and line breaks are allowed`
        : `${label} contains a control character (${codePointName(cp)}); only printable text is allowed`;
    }
    // Half of a UTF-16 pair (a paste cut inside an emoji, a crafted IPC call): not text at all; it
    // would be written to disk and to targets as U+FFFD.
    if (cp >= 0xd800 && cp <= 0xdfff)
      return `${label} contains half of a character (a lone UTF-16 surrogate)`;
    if (isBidiControl(cp)) {
      return `${label} contains a bidirectional control character (${codePointName(cp)}), which makes text display differently from what it is`;
    }
    if (options.multiline !== true && (cp === 0x2028 || cp === 0x2029)) {
      return `${label} contains a line break (${codePointName(cp)}); it must be one line`;
    }
  }
  return undefined;
}
