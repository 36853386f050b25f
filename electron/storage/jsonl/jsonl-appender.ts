import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Appends JSON lines to a file, fsync'ed before `append` resolves, so a caller can rely on the
 * record being on disk before it acts (on a target, on the screen).
 *
 * Callers serialise their appends (each log numbers its records in file order). A line cut short
 * by a crash is left as it is; the next record starts on a fresh line after it.
 */
export class JsonlAppender {
  #needsNewline: boolean;
  #createdFile: boolean;
  #handle: Promise<FileHandle> | undefined;

  constructor(
    readonly path: string,
    loaded: { readonly endsWithNewline: boolean; readonly existed: boolean },
  ) {
    this.#needsNewline = !loaded.endsWithNewline;
    this.#createdFile = !loaded.existed;
  }

  async append(record: unknown): Promise<void> {
    const line = Buffer.from(`${this.#needsNewline ? '\n' : ''}${JSON.stringify(record)}\n`, 'utf8');
    const handle = await this.#file();
    try {
      // A write may take fewer bytes than given (a full disk): write the rest, or fail the append,
      // never report a record on disk whose line was cut short.
      for (let written = 0; written < line.length;) {
        const { bytesWritten } = await handle.write(line, written, line.length - written);
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

/** Makes a new file's directory entry durable too (fsync of the file alone does not). */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
