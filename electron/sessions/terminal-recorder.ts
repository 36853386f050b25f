import { StringDecoder } from 'node:string_decoder';
import type { TerminalTranscriptEntry } from '../../shared/contract/terminal';
import { outputEdits, shownTail } from '../plugins/ssh/connection/line-edits';
import { TerminalTextStream } from '../plugins/ssh/connection/terminal-text';
import { typedEdits } from '../plugins/ssh/connection/typed-line';
import type { Masker } from '../plugins/tag-engine';
import { PendingLine } from './pending-line';

/** What stands for a line typed at a password prompt: its bytes are never kept. */
export const hiddenInputText = '[input hidden]';

/**
 * A last output line that asks for a secret: `Password:`, `[sudo] password for bob:`,
 * `Password for 'https://bob@git.example':`, `Enter passphrase for key '/home/x/.ssh/id_ed25519':`,
 * `Enter PEM pass phrase:`, `PIN:`, `Token:`, `Enter secret:`, `OTP:`, `Verification code:`,
 * `API key:`, and the words of a few locales (`Passwort für bob:`, `Mot de passe :`, `Senha:`).
 * The remote side turns its echo off for these; what is typed next is the secret. A line that
 * merely mentions one is hidden too: the safe side. `>` and `?` end a prompt only right after the
 * word, on a line without a path separator (`password> `, `Enter your password > `, `Passcode? `):
 * a shell prompt ending in `>` after a folder of that name (`C:\work\secret>`, `PS ~/token> `)
 * is not one, or a user could keep their commands out of the transcript by where they stand.
 */
const secretWord = String.raw`(?:(?:password|passphrase|pass phrase|passcode|\bpin|\btoken|\bsecret|\botp|\btotp|\b2fa|\bmfa|one-time code|verification code|security code|auth(?:entication)? code|api[ _]?key|access key|passwort|kennwort|mot de passe|senha)\b|contrase[ñn]a|пароль)`;
const secretPrompt = new RegExp(
  String.raw`${secretWord}[^\n]{0,120}:\s*$|^[^\\/\n]*${secretWord}\s*[>?]\s*$`,
  'i',
);

/** The last line of `text`, at most its last 256 characters (what the prompt check reads). */
const lastLineOf = (text: string): string => text.slice(text.lastIndexOf('\n') + 1).slice(-256);

/**
 * The last line of some output as shown (`ended`: the last one not blank, as ended), at most its
 * last 256 characters, with the cursor left where the edits put it (a backspace in the next chunk
 * goes on from there); undefined when its edits were too many to follow (shownTail).
 */
function shownLastLine(text: string, ended = false): string | undefined {
  const shown = shownTail(text);
  if (shown === undefined) return undefined;
  const line = lastLineOf(ended ? shown.text.trimEnd() : shown.text);
  const back = ended ? 0 : Math.min(shown.back ?? 0, line.length);
  return back > 0 ? `${line}\u001b[${back}D` : line;
}

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
 * committed. Output is kept as the terminal shows it (escape sequences and wrap artefacts removed
 * as it comes, so a secret drawn in two colours, or cut by readline's wrap, is whole where it is
 * masked and stored as it is read), a line at a time (a secret split over two ssh2 chunks is
 * masked once whole); input a typed line at a time (Enter ends it). Each line's edits (a
 * backspace, a cursor move, readline's keys) are applied before it is masked: line-edits.ts. Once a
 * password prompt has been shown, the next typed line is recorded as `[input hidden]` and its
 * bytes are dropped at once, with any typed ahead of the prompt.
 */
export class TerminalRecorder {
  readonly #outDecoder = new StringDecoder('utf8');
  readonly #inDecoder = new StringDecoder('utf8');
  readonly #outText = new TerminalTextStream();
  readonly #output: PendingLine;
  readonly #input: PendingLine;
  /**
   * The screen's last output line as shown (its edits applied), as far as converted, at most its
   * last 256 characters, and an `ESC [ n D` where its edits left the cursor before its end: what
   * the prompt check reads.
   */
  #lastLine = '';
  /**
   * A password prompt was shown (the last output line, or the last line a chunk ended) and no
   * key has been typed since: a redraw elsewhere (tmux's status line), a job's notice or a line
   * end after it leaves it the prompt being answered.
   */
  #promptShown = false;
  /** Inside a line typed at a password prompt: its bytes are dropped until Enter. */
  #hiding = false;
  #committed: TerminalTranscriptEntry[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(private readonly options: TerminalRecorderOptions) {
    this.#output = new PendingLine(options.masker, outputEdits);
    this.#input = new PendingLine(options.masker, typedEdits);
  }

  /** Bytes the target sent to the terminal. */
  output(chunk: Uint8Array): void {
    if (this.#closed || this.options.full?.()) return;
    const decoded = this.#outDecoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (decoded === '') return;
    const text = this.#outText.push(decoded);
    // What is pending holds no line end (each one is committed as it comes): only the new text is
    // searched, not the whole pending line again at every echo (up to a 16 KiB copy each time).
    const pending = this.#output.text.length;
    this.#output.text += text;
    const lineEnd = text.lastIndexOf('\n');
    // The last line this chunk ended, blank ones skipped (`echo Password:; read -s` ends the
    // prompt's line before it reads), and the line the screen ends with. Each is read as shown,
    // its edits applied (300 backspaces after `Password: ` must not push the prompt out of the 256
    // characters read); one whose edits are too many to follow is taken for a prompt, the safe side.
    const ended = lineEnd >= 0 ? shownLastLine(this.#lastLine + text.slice(0, lineEnd), true) : '';
    const last = shownLastLine(lineEnd >= 0 ? text.slice(lineEnd + 1) : this.#lastLine + text);
    this.#lastLine = last ?? '';
    const now = shownTail(this.#lastLine + this.#outText.heldText);
    // Once shown, a prompt waits for what is typed at it, whatever comes in between (a job's
    // notice, a status line, a wall message): only typing answers it.
    this.#promptShown ||=
      ended === undefined ||
      last === undefined ||
      now === undefined ||
      secretPrompt.test(ended) ||
      secretPrompt.test(lastLineOf(now.text));
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
      if (!this.#hiding && this.#promptShown) {
        // The prompt first, then the marker: the transcript reads as the screen did. What was
        // typed ahead of the prompt (after `sudo -i` and Enter, before sudo asked) is read by it
        // as the password's start: dropped too.
        this.#commitOutput();
        this.#input.discard();
        this.#hiding = true;
        this.#promptShown = false;
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
    // A character the session's last bytes cut in two reads as U+FFFD, as a terminal shows it.
    this.#output.text += this.#outText.push(this.#outDecoder.end());
    this.#commitOutput();
    // Not the start of a character typed at a password prompt.
    const lastKeys = this.#inDecoder.end();
    if (!this.#hiding && !this.#promptShown) this.#input.text += lastKeys;
    this.#push('input', this.#input.take());
    this.#closed = true;
    this.#flush();
    return this.#writing;
  }

  /** The pending output up to `length`; all of it, what the text stream holds too, without. */
  #commitOutput(length?: number): void {
    if (length === undefined) this.#output.text += this.#outText.end();
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
