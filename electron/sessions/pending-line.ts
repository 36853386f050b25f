import type { LineEdits } from '../plugins/ssh/connection/line-edits';
import type { Masker } from '../plugins/tag-engine';

/** A line without a line end is cut into blocks of about this many characters. */
const maxBlockChars = 16 * 1024;

/**
 * A line with no safe cut is held up to this many characters (memory stays bounded), or up to the
 * longest form of a secret where that is longer.
 */
const maxPendingChars = 4 * maxBlockChars;

/**
 * After a search for a safe cut found none, the line grows by this many characters before the
 * next search: each search walks every secret form back through the line, and a line of one
 * secret repeated would otherwise be walked again at every chunk, up to `maxPendingChars`.
 */
const cutRetryChars = 1024;

/**
 * One terminal line being shown or typed and not yet in the transcript, taken out guarded
 * (masked, or withheld when it still leaks). A line that grows past a block without a line end is
 * cut where no secret form crosses the cut (`Masker.safeCut`); where there is no such point for
 * `maxPendingChars` (one secret repeated back to back), it is cut anyway and the occurrences
 * across the cut are masked on both sides of it (`Masker.guardAcross`).
 */
export class PendingLine {
  text = '';
  /** The line is searched for a cut once longer than this. */
  #cutFrom = maxBlockChars;
  /** First characters of `text` masked whatever they are: the rest of an occurrence cut across. */
  #carry = 0;

  /**
   * `edits`: a taken piece is stored with its line edits applied (the output's backspaces and
   * cursor moves, the typed keys' Backspace and arrows: line-edits.ts), guarded as such, since
   * what is stored is what is read.
   */
  constructor(
    private readonly masker: Masker,
    private readonly edits: LineEdits,
  ) {}

  /** The first `length` characters, guarded; undefined when there are none. */
  take(length = this.text.length): string | undefined {
    const text = this.text.slice(0, length);
    this.text = this.text.slice(length);
    const carry = this.#carry;
    this.#carry = Math.max(0, carry - length);
    this.#cutFrom = nextSearch(this.text);
    if (text === '') return undefined;
    const { masker } = this;
    const removed = this.edits.removed(text);
    if (removed.from === undefined) return masker.guard(text, carry);
    // Masked wherever the edits move them: the secrets as the text came, and with its edits
    // removed (what masking read before they were applied); around each edit, those shown whole.
    const marked = new Uint8Array(text.length);
    masker.markSpans(text, marked, undefined, carry);
    masker.markSpans(removed.text, marked, removed.from);
    const reach = masker.longestForm;
    const shown = this.edits.apply(text, { marked, reach, spans: (line) => masker.spans(line) });
    return masker.guardShown(shown.text, shown.masked ?? new Uint8Array(shown.text.length));
  }

  /** Drops what is pending, unrecorded (typed ahead of a password prompt: part of the password). */
  discard(): void {
    this.text = '';
    this.#carry = 0;
    this.#cutFrom = nextSearch('');
  }

  /** A block of a line grown past a block's size, guarded, when one is to be cut now. */
  takeBlock(): string | undefined {
    const { masker } = this;
    if (this.text.length <= this.#cutFrom) return undefined;
    const cut = masker.safeCut(this.text);
    if (cut > 0) return this.take(cut);
    if (this.text.length <= maxPendingChars) {
      this.#cutFrom = nextSearch(this.text);
      return undefined;
    }
    const across = masker.guardAcross(this.text, this.#carry);
    if (across.cut === 0) {
      // A secret form longer than the line so far (a stored secret of 32 K characters or more,
      // hex-spelt): held until it could be whole before a cut.
      this.#cutFrom = this.text.length + cutRetryChars;
      return undefined;
    }
    this.text = this.text.slice(across.cut);
    this.#carry = across.carry;
    this.#cutFrom = nextSearch(this.text);
    return this.masker.guard(this.edits.apply(across.guarded).text);
  }
}

/**
 * The length past which a line is searched for a cut: a block's, or 1,024 characters more than
 * now (a search found no cut, or a cut left a block's worth pending: it keeps the longest secret
 * form less one, over 16 KiB for a stored secret of 8,192 characters or more).
 */
function nextSearch(text: string): number {
  return Math.min(Math.max(maxBlockChars, text.length + cutRetryChars), maxPendingChars);
}
