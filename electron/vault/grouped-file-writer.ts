import { renameSync } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../platform/atomic-file';
import { syncDirectory } from '../platform/sync-directory';

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Keeps one file (vault.json) durable behind an in-memory document that changes at once: every
 * change asked while no write runs goes into the next write, and that write (temp file, fsync,
 * rename, directory fsync) runs off the event loop's synchronous path. Twenty JIT sessions at
 * once then share a few writes instead of queueing twenty synchronous ones (the lifecycle bench).
 *
 * Each `changed()` resolves only once a write taken after its change is durable, and rejects when
 * that write fails; a failed write leaves the last good file, and the change, still in memory, is
 * in the next write. The whole document is written each time, so a later write never loses an
 * earlier change. `writeSync()` (quit, a passphrase change) writes at once and supersedes a write
 * in flight, which then renames nothing.
 *
 * The rename is the one synchronous step (microseconds; the fsyncs are what take the time): done
 * on the event loop, renames happen in the order their writes were taken, so a write in flight can
 * never put an older document over the one `writeSync()` just wrote.
 */
export class GroupedFileWriter {
  /** Changes asked so far, and the highest count a durable write holds. */
  #asked = 0;
  #durable = 0;
  #waiting: Waiter[] = [];
  #running: Promise<void> | undefined;
  /** An asynchronous write owns `<file>.<pid>.tmp` until its rename or its end. */
  #inFlight = false;

  constructor(
    readonly path: string,
    private readonly content: () => string,
  ) {}

  /** Told after a change to the document in memory; resolves once a write holding it is durable. */
  changed(): Promise<void> {
    this.#asked += 1;
    const done = new Promise<void>((resolve, reject) => this.#waiting.push({ resolve, reject }));
    this.#running ??= this.#run();
    return done;
  }

  /** Resolves once every change asked so far was written or failed (Lock and quit wait for it). */
  async settled(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /**
   * Writes the document now, synchronously, with every change asked so far; throws when that
   * fails. A write in flight keeps its own temporary file and is superseded.
   */
  writeSync(): void {
    const upTo = this.#asked;
    // The temporary name a crash's leftover is removed by at start (platform/private-data-dir.ts).
    const temp = this.#inFlight
      ? join(dirname(this.path), `quit.${basename(this.path)}.${process.pid}.tmp`)
      : undefined;
    writeFileAtomic(this.path, this.content(), 0o600, temp);
    this.#durable = upTo;
    this.#settle(this.#waiting.splice(0));
  }

  /** Writes synchronously only if a change is not known durable yet (quit). */
  flushSync(): void {
    if (this.#asked > this.#durable) this.writeSync();
  }

  async #run(): Promise<void> {
    // Every change of this turn of the event loop goes into the first write.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#waiting.length > 0) {
      // Taken together, synchronously: the content holds every change counted in upTo.
      const upTo = this.#asked;
      const content = this.content();
      const group = this.#waiting.splice(0);
      try {
        await this.#write(content, upTo);
        this.#settle(group);
      } catch (error) {
        // A writeSync() meanwhile made these changes durable all the same.
        if (this.#durable >= upTo) this.#settle(group);
        else for (const waiter of group) waiter.reject(error);
      }
    }
    this.#running = undefined;
  }

  async #write(content: string, upTo: number): Promise<void> {
    const temp = `${this.path}.${process.pid}.tmp`;
    this.#inFlight = true;
    try {
      const handle = await open(temp, 'w', 0o600);
      try {
        // A leftover of the same name keeps its old mode when reopened: set it again.
        await handle.chmod(0o600);
        await handle.writeFile(content, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      if (this.#durable >= upTo) {
        // writeSync() wrote this content, or a later one, meanwhile: renaming would go back.
        await unlink(temp);
        return;
      }
      renameSync(temp, this.path);
      await syncDirectory(dirname(this.path));
      this.#durable = Math.max(this.#durable, upTo);
    } finally {
      this.#inFlight = false;
    }
  }

  #settle(group: readonly Waiter[]): void {
    for (const waiter of group) waiter.resolve();
  }
}
