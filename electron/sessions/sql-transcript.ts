import { mkdir, open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { textCut } from '../../shared/domain/text-rules';
import type { SqlTranscriptEntry } from '../../shared/contract/sql-console';
import type { Masker } from '../plugins/tag-engine';
import { maskTypedPasswords } from './sql-secrets';

/** A session's SQL transcript takes statements up to this size (as the terminal's transcript). */
export const maxSqlTranscriptBytes = 16 * 1024 * 1024;
/**
 * Room kept past the last statement for the line of its outcome: a statement is taken only with
 * this much left, and an outcome is always written (a server's message, masked, is far shorter).
 */
const outcomeRoomBytes = 64 * 1024;

/**
 * Characters of an outcome's text kept (a server's message, a lost connection's reason): at most
 * 6 bytes each once JSON-escaped, so an outcome always fits the room kept for it.
 */
const maxOutcomeChars = 8_000;

/** The statement would take the transcript past its size: it is not written, and must not run. */
export class SqlTranscriptFullError extends Error {
  constructor(maxBytes = maxSqlTranscriptBytes) {
    super(
      `This session's SQL transcript is full (${sizeText(maxBytes)}): ` +
        'the statement was not run. End the session and start a new one to go on.',
    );
  }
}

/** A cap as a person reads it: `16 MiB`, or a test's small one in KiB. */
function sizeText(bytes: number): string {
  const mib = bytes / 1024 / 1024;
  return Number.isInteger(mib) ? `${mib} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * What an SQL console ran, per session, append-only: one JSON line per statement as it starts,
 * and one with its outcome, in `<dataDir>/transcripts/<session id>.sql.jsonl`. Every text is
 * masked before it is written (the session's known secrets, and passwords typed by hand: see
 * sql-secrets.ts); a line is never rewritten. Each session's file is capped (`maxBytes`): past it a
 * statement is refused, not run unrecorded, so a flood of long statements can neither hide the
 * ones that matter nor grow the file until Details cannot read it.
 */
export class SqlTranscripts {
  readonly #dir: string;
  readonly #maxBytes: number;
  /** One write at a time per session, so lines keep their order. */
  readonly #tails = new Map<string, Promise<void>>();
  /** Sessions whose file this process has checked (see append), and its size since. */
  readonly #sizes = new Map<string, number>();

  /** `maxBytes`: per session (tests use a small one). */
  constructor(dataDir: string, options: { maxBytes?: number } = {}) {
    this.#dir = join(dataDir, 'transcripts');
    this.#maxBytes = options.maxBytes ?? maxSqlTranscriptBytes;
  }

  /** Rejects with SqlTranscriptFullError for a statement the file has no room for. */
  append(sessionId: string, entry: SqlTranscriptEntry, masker: Masker): Promise<void> {
    const masked = maskTypedPasswords(masker.guard(entry.text));
    const safe: SqlTranscriptEntry = {
      ...entry,
      text: entry.kind === 'statement' ? masked : textCut(masked, maxOutcomeChars),
    };
    const previous = this.#tails.get(sessionId) ?? Promise.resolve();
    const next = previous.then(async () => {
      await mkdir(this.#dir, { recursive: true, mode: 0o700 });
      // fsync'ed, as the other logs: a statement is on disk before it runs.
      const file = await open(this.#path(sessionId), 'a+', 0o600);
      try {
        // The first append of this process ends a line a crash may have cut short (kill -9 mid-write),
        // so that the new line is not glued to it and lost with it.
        let size = this.#sizes.get(sessionId);
        let mend = '';
        if (size === undefined) {
          size = (await file.stat()).size;
          mend = await unendedLine(file, size);
        }
        const line = `${mend}${JSON.stringify(safe)}\n`;
        const bytes = Buffer.byteLength(line);
        if (safe.kind === 'statement' && size + bytes + outcomeRoomBytes > this.#maxBytes) {
          throw new SqlTranscriptFullError(this.#maxBytes);
        }
        try {
          await file.appendFile(line);
        } catch (error) {
          // Part of the line may be written (a full disk): the next append reads the size again,
          // and ends that torn line before its own.
          this.#sizes.delete(sessionId);
          throw error;
        }
        this.#sizes.set(sessionId, size + bytes);
        await file.sync();
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
   * Rejects with SqlTranscriptFullError when the session's file has no room left for any
   * statement: the console asks before it logs in (an audited login for a statement it would refuse
   * anyway). A statement is still checked against its own size as it is appended.
   */
  async checkRoom(sessionId: string): Promise<void> {
    await this.#tails.get(sessionId);
    // Not kept in #sizes: the first append of this process must still read the file's end (mend).
    const size = this.#sizes.get(sessionId) ?? (await fileSize(this.#path(sessionId)));
    if (size + outcomeRoomBytes >= this.#maxBytes) throw new SqlTranscriptFullError(this.#maxBytes);
  }

  /** The session's lines, oldest first (none when its console never ran anything). */
  async read(sessionId: string): Promise<SqlTranscriptEntry[]> {
    await this.#tails.get(sessionId);
    let text: string;
    try {
      text = await readFile(this.#path(sessionId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries: SqlTranscriptEntry[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        entries.push(JSON.parse(line) as SqlTranscriptEntry);
      } catch {
        // A line cut short by a crash: the others still read.
      }
    }
    return entries;
  }

  #path(sessionId: string): string {
    // Session ids are the lifecycle's UUIDs; anything else never names a file.
    if (!/^[A-Za-z0-9-]{1,64}$/.test(sessionId)) throw new Error('Not a session id');
    return join(this.#dir, `${sessionId}.sql.jsonl`);
  }
}

/** '\n' when the file is not empty and does not end with one (a torn last line), else ''. */
async function unendedLine(file: FileHandle, size: number): Promise<string> {
  if (size === 0) return '';
  const last = Buffer.alloc(1);
  await file.read(last, 0, 1, size - 1);
  return last[0] === 0x0a ? '' : '\n';
}

/** A file's size; 0 when it does not exist yet. */
async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}
