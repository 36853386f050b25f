import { StringDecoder } from 'node:string_decoder';
import type { TerminalTranscriptEntry } from '../../shared/contract/terminal';
import { terminalText } from '../plugins/ssh/connection/terminal-text';
import type { Masker } from '../plugins/tag-engine';

/** What stands for a line typed at a password prompt: its bytes are never kept. */
export const hiddenInputText = '[input hidden]';

/**
 * A last output line that asks for a secret: `Password:`, `[sudo] password for bob:`,
 * `Password for alice@db:`, `Enter passphrase for key '/home/x/.ssh/id_ed25519':`, `PIN:`.
 * The remote side turns its echo off for these; what is typed next is the secret.
 */
const secretPrompt = /(?:password|passphrase|passcode|\bpin)\b[^:\n]{0,120}:\s*$/i;

/** Output is written at line ends; a line without one is cut at this many characters. */
const maxBlockChars = 16 * 1024;

/** A line without a safe cut is kept whole up to this many characters (memory stays bounded). */
const maxPendingChars = 4 * maxBlockChars;

/**
 * After a search for a safe cut found none, the pending line grows by this many characters before
 * the next search: each search walks every secret form back through the line, and a line of one
 * secret repeated would otherwise be walked again at every chunk, up to `maxPendingChars`.
 */
const cutRetryChars = 1024;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** How often committed lines go to disk (one fsync per batch, not per keystroke or chunk). */
const defaultFlushMs = 250;

export interface TerminalRecorderOptions {
  /** The session's secrets and their forms, masked out of every line (the console's Masker). */
  readonly masker: Masker;
  /** Where the lines go (TerminalTranscripts.append, bound to the session). */
  readonly write: (entries: TerminalTranscriptEntry[]) => Promise<void>;
  readonly clock?: () => Date;
  readonly flushMs?: number;
  /** The transcript is at its cap: nothing more would be kept, so nothing more is masked. */
  readonly full?: () => boolean;
}

/**
 * One terminal's transcript as it runs: output and typed input, masked, in the order they were
 * committed. Output is kept a line at a time (a secret split over two ssh2 chunks is masked once
 * whole); input a typed line at a time (Enter ends it). While the last output line is a password
 * prompt, the typed line is recorded as `[input hidden]` and its bytes are dropped at once.
 */
export class TerminalRecorder {
  readonly #outDecoder = new StringDecoder('utf8');
  readonly #inDecoder = new StringDecoder('utf8');
  #output = '';
  #input = '';
  /** The screen's last output line as text (escapes removed): what the prompt check reads. */
  #lastLine = '';
  /** Inside a line typed at a password prompt: its bytes are dropped until Enter. */
  #hiding = false;
  /** Pending output (typed input) is searched for a cut once longer than this. */
  #outputCutFrom = maxBlockChars;
  #inputCutFrom = maxBlockChars;
  #committed: TerminalTranscriptEntry[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(private readonly options: TerminalRecorderOptions) {}

  /** Bytes the target sent to the terminal. */
  output(chunk: Uint8Array): void {
    if (this.#closed || this.options.full?.()) return;
    const text = this.#outDecoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (text === '') return;
    // What is pending holds no line end (each one is committed as it comes): only the new text is
    // searched, not the whole pending line again at every echo (up to a 16 KiB copy each time).
    const pending = this.#output.length;
    this.#output += text;
    const shown = terminalText(text);
    const end = shown.lastIndexOf('\n');
    this.#lastLine = end >= 0 ? shown.slice(end + 1) : (this.#lastLine + shown).slice(-256);
    const lineEnd = text.lastIndexOf('\n');
    if (lineEnd >= 0) {
      this.#commitOutput(pending + lineEnd + 1);
    } else if (this.#output.length > this.#outputCutFrom) {
      // Not across a secret (a screen program's output rarely ends its lines): the cut stays
      // before any secret the block ends with, or may end with once more output comes.
      const cut = this.#blockCut(this.#output);
      if (cut > 0) this.#commitOutput(cut);
      else this.#outputCutFrom = this.#nextSearch(this.#output);
    }
  }

  /** Bytes the user typed (or pasted) into the terminal. */
  input(bytes: Uint8Array): void {
    if (this.#closed || this.options.full?.()) return;
    const text = this.#inDecoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    for (const char of text) {
      if (!this.#hiding && this.#input === '' && secretPrompt.test(this.#lastLine)) {
        // The prompt first, then the marker: the transcript reads as the screen did.
        this.#commitOutput(this.#output.length);
        this.#hiding = true;
        this.#push('hidden', hiddenInputText);
      }
      const enter = char === '\r' || char === '\n';
      if (this.#hiding) {
        if (enter) {
          this.#hiding = false;
          this.#lastLine = '';
        }
        continue;
      }
      this.#input += char;
      if (enter) this.#commitInput();
      else if (this.#input.length > this.#inputCutFrom) {
        const cut = this.#blockCut(this.#input);
        if (cut > 0) this.#commitInput(cut);
        else this.#inputCutFrom = this.#nextSearch(this.#input);
      }
    }
  }

  /** Commits what is pending (a last line without its end too) and writes it; later bytes are ignored. */
  async close(): Promise<void> {
    if (this.#closed) return this.#writing;
    this.#commitOutput(this.#output.length);
    this.#commitInput();
    this.#closed = true;
    this.#flush();
    return this.#writing;
  }

  #commitOutput(length: number): void {
    const text = this.#output.slice(0, length);
    this.#output = this.#output.slice(length);
    this.#outputCutFrom = this.#nextSearch(this.#output);
    if (text !== '') this.#push('output', this.options.masker.guard(text));
  }

  #commitInput(length = this.#input.length): void {
    const text = this.#input.slice(0, length);
    this.#input = this.#input.slice(length);
    this.#inputCutFrom = this.#nextSearch(this.#input);
    if (text !== '') this.#push('input', this.options.masker.guard(text));
  }

  /**
   * Where a block without a line end is cut: 0 (nothing yet) while no safe point is found (a secret
   * form longer than the block, or one repeated back to back), all of it past `maxPendingChars`.
   */
  #blockCut(text: string): number {
    const { masker } = this.options;
    let cut = masker.safeCut(text);
    // Not between the two halves of a character outside the BMP (each would be stored as U+FFFD).
    while (cut > 0 && isHighSurrogate(text.charCodeAt(cut - 1))) cut = masker.safeCut(text, cut - 1);
    if (cut > 0) return cut;
    return text.length > maxPendingChars ? text.length : 0;
  }

  /**
   * The length past which pending text is searched for a cut: a block's, or 1,024 characters more
   * than now (a search found no cut, or a cut left a block's worth pending: it keeps the longest
   * secret form less one, over 16 KiB for a stored secret of 8,192 characters or more).
   */
  #nextSearch(text: string): number {
    return Math.min(Math.max(maxBlockChars, text.length + cutRetryChars), maxPendingChars);
  }

  #push(kind: TerminalTranscriptEntry['kind'], text: string): void {
    const at = (this.options.clock?.() ?? new Date()).toISOString();
    this.#committed.push({ at, kind, text });
    this.#timer ??= setTimeout(() => this.#flush(), this.options.flushMs ?? defaultFlushMs);
  }

  #flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#committed;
    this.#committed = [];
    if (batch.length === 0) return;
    // A failed write loses that batch only (the terminal goes on); the next batch tries again.
    this.#writing = this.#writing.then(() => this.options.write(batch)).catch(() => undefined);
  }
}
