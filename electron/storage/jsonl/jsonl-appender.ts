import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncDirectory } from '../../platform/sync-directory';

/**
 * Appends JSON lines to a file, fsync'ed before `append` resolves, so a caller can rely on the
 * record being on disk before it acts (on a target, on the screen).
 *
 * Lines go to the file in the order `append` was called. Appends made in the same turn of the
 * event loop, or while a write is on its way, are written together, with one fsync (group
 * commit): twenty JIT sessions at once would otherwise queue twenty fsyncs per step behind each
 * other (the lifecycle bench). Each append still resolves only once its own line is on disk, and
 * in call order. A line cut short by a crash is left as it is; the next record starts on a fresh
 * line after it.
 */
export class JsonlAppender {
  #needsNewline: boolean;
  #createdFile: boolean;
  #handle: Promise<FileHandle> | undefined;
  readonly #queue: { json: string; resolve: () => void; reject: (error: unknown) => void }[] = [];
  #flushing: Promise<void> | undefined;
  /** close() was called: no append may reopen the file (the data dir's lock may be let go next). */
  #closed = false;

  constructor(
    readonly path: string,
    loaded: { readonly endsWithNewline: boolean; readonly existed: boolean },
  ) {
    this.#needsNewline = !loaded.endsWithNewline;
    this.#createdFile = !loaded.existed;
  }

  append(record: unknown): Promise<void> {
    if (this.#closed) return Promise.reject(new Error(`${this.path}: closed, the record was not written`));
    return new Promise((resolve, reject) => {
      // Serialised now (a record that cannot be fails alone), queued in call order.
      this.#queue.push({ json: JSON.stringify(record), resolve, reject });
      this.#flushing ??= this.#flush();
    });
  }

  /** Writes what is queued, batch after batch, until nothing is. */
  async #flush(): Promise<void> {
    // The rest of this turn joins the first write: when a batch's fsync resolves its appends,
    // their callers' next records come in one burst, and without this wait the first of them
    // went alone, the others behind it in a second fsync (about a tenth of the core's CPU at
    // twenty sessions at once, the lifecycle bench; docs/testing.md).
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0);
      try {
        await this.#write(batch.map((queued) => queued.json));
        for (const queued of batch) queued.resolve();
      } catch (error) {
        for (const queued of batch) queued.reject(error);
      }
    }
    this.#flushing = undefined;
  }

  async #write(lines: readonly string[]): Promise<void> {
    const text = Buffer.from(`${this.#needsNewline ? '\n' : ''}${lines.join('\n')}\n`, 'utf8');
    const handle = await this.#file();
    try {
      // A write may take fewer bytes than given (a full disk): write the rest, or fail the append,
      // never report a record on disk whose line was cut short.
      for (let written = 0; written < text.length;) {
        const { bytesWritten } = await handle.write(text, written, text.length - written);
        if (bytesWritten <= 0) throw new Error(`${this.path}: the disk took no more bytes`);
        written += bytesWritten;
      }
      this.#needsNewline = false;
      await handle.sync();
    } catch (error) {
      // We cannot know how much reached the file: end that line before the next record.
      this.#needsNewline = true;
      throw error;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#flushing;
    const handle = this.#handle;
    this.#handle = undefined;
    if (handle) await (await handle).close();
  }

  #file(): Promise<FileHandle> {
    if (!this.#handle) {
      const opening = (async () => {
        const handle = await open(this.path, 'a', 0o600);
        if (this.#createdFile) {
          await syncDirectory(dirname(this.path));
          this.#createdFile = false;
        }
        return handle;
      })();
      this.#handle = opening;
      // A failed open is retried by the next append rather than remembered forever.
      opening.catch(() => {
        if (this.#handle === opening) this.#handle = undefined;
      });
    }
    return this.#handle;
  }
}
