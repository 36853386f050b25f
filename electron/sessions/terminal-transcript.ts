import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import {
  terminalTranscriptPageBytes,
  type TerminalTranscriptEntry,
  type TerminalTranscriptPage,
} from '../../shared/contract/terminal';
import { terminalText } from '../plugins/ssh/connection/terminal-text';

/** A session's terminal transcript stops growing here (a `yes` loop must not fill the disk). */
export const maxTerminalTranscriptBytes = 16 * 1024 * 1024;

/** The one line written when the cap is reached; nothing is written after it. */
export const truncatedNote = 'transcript truncated: it reached its maximum size';

export interface TerminalTranscriptsOptions {
  /** Bytes per session before the truncated note (tests use a small one). */
  readonly maxBytes?: number;
}

/** What is known of a session's file in this process (see #prepare). */
interface FileState {
  size: number;
  truncated: boolean;
}

/**
 * The SSH terminals' transcripts, per session, append-only: one JSON line per output block or
 * typed line in `<dataDir>/transcripts/<session id>.term.jsonl` (0600). The recorder
 * (terminal-recorder.ts) masks and batches; this keeps the file: one write at a time per session,
 * each batch fsync'ed, a line torn by a crash sealed off at the first append, and the size bounded
 * by a single truncated note.
 */
export class TerminalTranscripts {
  readonly #dir: string;
  readonly #maxBytes: number;
  readonly #tails = new Map<string, Promise<void>>();
  readonly #files = new Map<string, FileState>();

  constructor(dataDir: string, options: TerminalTranscriptsOptions = {}) {
    this.#dir = join(dataDir, 'transcripts');
    this.#maxBytes = options.maxBytes ?? maxTerminalTranscriptBytes;
  }

  /** Appends lines already masked (the recorder's job), in order, within the session's cap. */
  append(sessionId: string, entries: readonly TerminalTranscriptEntry[]): Promise<void> {
    const path = this.#path(sessionId);
    const previous = this.#tails.get(sessionId) ?? Promise.resolve();
    const next = previous.then(async () => {
      if (entries.length === 0) return;
      await mkdir(this.#dir, { recursive: true, mode: 0o700 });
      const file = await open(path, 'a+', 0o600);
      try {
        const { state, mend } = await this.#prepare(sessionId, file);
        if (state.truncated) return;
        const lines = mend === '' ? [] : [mend];
        let bytes = mend.length;
        for (const entry of entries) {
          const line = `${JSON.stringify(entry)}\n`;
          const length = Buffer.byteLength(line);
          if (state.size + bytes + length > this.#maxBytes) {
            const at = entry.at;
            lines.push(`${JSON.stringify({ at, kind: 'note', text: truncatedNote })}\n`);
            state.truncated = true;
            break;
          }
          lines.push(line);
          bytes += length;
        }
        if (lines.length === 0) return;
        const text = lines.join('');
        await file.appendFile(text);
        await file.sync();
        state.size += Buffer.byteLength(text);
      } finally {
        await file.close();
      }
    });
    const tail = next.catch(() => undefined);
    this.#tails.set(sessionId, tail);
    void tail.then(() => {
      if (this.#tails.get(sessionId) === tail) this.#tails.delete(sessionId);
    });
    return next;
  }

  /**
   * A page of whole lines from `offset` (a line start a previous page answered; a line cut by a
   * stray offset is skipped, as a torn one is). Output and typed text come as the terminal showed
   * them, escape sequences and carriage returns removed.
   */
  async read(sessionId: string, offset = 0): Promise<TerminalTranscriptPage> {
    const path = this.#path(sessionId);
    await this.#tails.get(sessionId);
    let file: FileHandle;
    try {
      file = await open(path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { entries: [], offset: 0, nextOffset: null, size: 0 };
      }
      throw error;
    }
    try {
      const { size } = await file.stat();
      const start = Math.min(offset, size);
      // A page, or as much more as it takes to hold a whole line (an entry of a line with no
      // safe cut for 64 K characters, in a script of 3 bytes a character, may be longer).
      let length = Math.min(terminalTranscriptPageBytes, size - start);
      let chunk = await readAt(file, start, length);
      while (chunk.length === length && start + length < size && !chunk.includes(0x0a)) {
        length = Math.min(length * 2, size - start);
        chunk = await readAt(file, start, length);
      }
      let nextOffset: number | null = null;
      if (start + chunk.length < size) {
        // Whole lines only; the next page starts after the last line end (past what was read,
        // when the file was cut short under it: no line end in it).
        const end = chunk.lastIndexOf(0x0a);
        chunk = end >= 0 ? chunk.subarray(0, end + 1) : chunk;
        nextOffset = start + chunk.length;
      }
      return { entries: parseLines(chunk.toString('utf8')), offset: start, nextOffset, size };
    } finally {
      await file.close();
    }
  }

  /** The session's transcript took its truncated note: recorders may stop masking what would be dropped. */
  isFull(sessionId: string): boolean {
    return this.#files.get(sessionId)?.truncated === true;
  }

  /** Waits for the writes queued so far (tests, and a reader that wants the latest). */
  async settled(sessionId: string): Promise<void> {
    await this.#tails.get(sessionId);
  }

  /**
   * The file's size and state the first time this process appends to it: a last line torn by a
   * crash gets its line end (so the next line is not glued to it), and a file already at its cap
   * (or ending with the truncated note) takes nothing more.
   */
  async #prepare(sessionId: string, file: FileHandle): Promise<{ state: FileState; mend: string }> {
    const known = this.#files.get(sessionId);
    if (known) return { state: known, mend: '' };
    const { size } = await file.stat();
    const tailLength = Math.min(size, 256);
    const tail = Buffer.alloc(tailLength);
    if (tailLength > 0) await file.read(tail, 0, tailLength, size - tailLength);
    const mend = size > 0 && tail[tailLength - 1] !== 0x0a ? '\n' : '';
    const state: FileState = {
      size,
      truncated: size >= this.#maxBytes || tail.toString('utf8').includes(truncatedNote),
    };
    this.#files.set(sessionId, state);
    return { state, mend };
  }

  #path(sessionId: string): string {
    // Session ids are the lifecycle's UUIDs; anything else never names a file.
    if (!/^[A-Za-z0-9-]{1,64}$/.test(sessionId)) throw new Error('Not a session id');
    return join(this.#dir, `${sessionId}.term.jsonl`);
  }
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

function parseLines(text: string): TerminalTranscriptEntry[] {
  const entries: TerminalTranscriptEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let entry: TerminalTranscriptEntry;
    try {
      entry = JSON.parse(line) as TerminalTranscriptEntry;
    } catch {
      continue; // torn by a crash, or cut by a stray offset: the others still read
    }
    const shown = entry.kind === 'output' || entry.kind === 'input' ? terminalText(entry.text) : entry.text;
    entries.push({ at: entry.at, kind: entry.kind, text: shown });
  }
  return entries;
}
