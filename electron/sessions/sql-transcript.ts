import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { SqlTranscriptEntry } from '../../shared/contract/sql-console';
import type { Masker } from '../plugins/tag-engine';
import { maskTypedPasswords } from './sql-secrets';

/**
 * What an SQL console ran, per session, append-only: one JSON line per statement as it starts,
 * and one with its outcome, in `<dataDir>/transcripts/<session id>.sql.jsonl`. Every text is
 * masked before it is written (the session's known secrets, and passwords typed by hand: see
 * sql-secrets.ts); a line is never rewritten.
 */
export class SqlTranscripts {
  readonly #dir: string;
  /** One write at a time per session, so lines keep their order. */
  readonly #tails = new Map<string, Promise<void>>();
  /** Sessions whose file's last line this process has checked (see append). */
  readonly #checked = new Set<string>();

  constructor(dataDir: string) {
    this.#dir = join(dataDir, 'transcripts');
  }

  append(sessionId: string, entry: SqlTranscriptEntry, masker: Masker): Promise<void> {
    const safe: SqlTranscriptEntry = { ...entry, text: maskTypedPasswords(masker.guard(entry.text)) };
    const previous = this.#tails.get(sessionId) ?? Promise.resolve();
    const next = previous.then(async () => {
      await mkdir(this.#dir, { recursive: true, mode: 0o700 });
      // fsync'ed, as the other logs: a statement is on disk before it runs.
      const file = await open(this.#path(sessionId), 'a+', 0o600);
      try {
        // The first append of this process ends a line a crash may have cut short (kill -9 mid-write),
        // so that the new line is not glued to it and lost with it.
        const mend = this.#checked.has(sessionId) ? '' : await unendedLine(file);
        this.#checked.add(sessionId);
        await file.appendFile(`${mend}${JSON.stringify(safe)}\n`);
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
async function unendedLine(file: FileHandle): Promise<string> {
  const { size } = await file.stat();
  if (size === 0) return '';
  const last = Buffer.alloc(1);
  await file.read(last, 0, 1, size - 1);
  return last[0] === 0x0a ? '' : '\n';
}
