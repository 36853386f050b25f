import { StringDecoder } from 'node:string_decoder';
import type { TerminalTranscriptEntry } from '../../shared/contract/terminal';
import { terminalText } from '../plugins/ssh/connection/terminal-text';
import type { Masker } from '../plugins/tag-engine';
import { PendingLine } from './pending-line';

/** What stands for a line typed at a password prompt: its bytes are never kept. */
export const hiddenInputText = '[input hidden]';

/**
 * A last output line that asks for a secret: `Password:`, `[sudo] password for bob:`,
 * `Password for alice@db:`, `Enter passphrase for key '/home/x/.ssh/id_ed25519':`, `PIN:`.
 * The remote side turns its echo off for these; what is typed next is the secret.
 */
const secretPrompt = /(?:password|passphrase|passcode|\bpin)\b[^:\n]{0,120}:\s*$/i;

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
  readonly #output: PendingLine;
  readonly #input: PendingLine;
  /** The screen's last output line as text (escapes removed): what the prompt check reads. */
  #lastLine = '';
  /** Inside a line typed at a password prompt: its bytes are dropped until Enter. */
  #hiding = false;
  #committed: TerminalTranscriptEntry[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(private readonly options: TerminalRecorderOptions) {
    this.#output = new PendingLine(options.masker);
    this.#input = new PendingLine(options.masker);
  }

  /** Bytes the target sent to the terminal. */
  output(chunk: Uint8Array): void {
    if (this.#closed || this.options.full?.()) return;
    const text = this.#outDecoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (text === '') return;
    // What is pending holds no line end (each one is committed as it comes): only the new text is
    // searched, not the whole pending line again at every echo (up to a 16 KiB copy each time).
    const pending = this.#output.text.length;
    this.#output.text += text;
    const shown = terminalText(text);
    const end = shown.lastIndexOf('\n');
    this.#lastLine = end >= 0 ? shown.slice(end + 1) : (this.#lastLine + shown).slice(-256);
    const lineEnd = text.lastIndexOf('\n');
    if (lineEnd >= 0) {
      this.#commitOutput(pending + lineEnd + 1);
    } else {
      // Not across a secret (a screen program's output rarely ends its lines): pending-line.ts.
      this.#push('output', this.#output.takeBlock());
    }
  }

  /** Bytes the user typed (or pasted) into the terminal. */
  input(bytes: Uint8Array): void {
    if (this.#closed || this.options.full?.()) return;
    const text = this.#inDecoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    for (const char of text) {
      if (!this.#hiding && this.#input.text === '' && secretPrompt.test(this.#lastLine)) {
        // The prompt first, then the marker: the transcript reads as the screen did.
        this.#commitOutput();
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
      this.#input.text += char;
      this.#push('input', enter ? this.#input.take() : this.#input.takeBlock());
    }
  }

  /** Commits what is pending (a last line without its end too) and writes it; later bytes are ignored. */
  async close(): Promise<void> {
    if (this.#closed) return this.#writing;
    this.#commitOutput();
    this.#push('input', this.#input.take());
    this.#closed = true;
    this.#flush();
    return this.#writing;
  }

  #commitOutput(length?: number): void {
    this.#push('output', this.#output.take(length));
  }

  #push(kind: TerminalTranscriptEntry['kind'], text: string | undefined): void {
    if (text === undefined) return;
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
