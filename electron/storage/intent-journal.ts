import { existsSync, readFileSync, renameSync } from 'node:fs';
import { open, rename, truncate, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { StoreProblem } from './config-store';
import { syncDirectory } from '../platform/sync-directory';

export const intentFileName = 'intent.json';

/** What `open` found: the intent of a change the app stopped in the middle of, if any. */
export interface OpenedJournal {
  readonly journal: IntentJournal;
  /** The JSON of an intent written in full and never ended; undefined when there is none. */
  readonly pending: unknown;
  readonly problems: readonly StoreProblem[];
}

/**
 * The write-ahead record of the one change being written (services/change-journal.ts says what
 * an intent holds and how it is replayed). Changes are serialised by the services' write queue, so
 * the file holds at most one intent: `begin` writes it and fsyncs before any store file is
 * touched, `end` empties the file once every store file and the audit entry are written.
 *
 * `begin` replaces the file whole (a rename), so a crash leaves the old intent or the new one. An
 * intent without its final newline (cut short, as the app's earlier versions could leave one) was
 * never complete, so no store file was touched after it, and it is ignored.
 */
export class IntentJournal {
  private constructor(readonly path: string) {}

  static open(dir: string, now: () => Date): OpenedJournal {
    const path = join(dir, intentFileName);
    const journal = new IntentJournal(path);
    if (!existsSync(path)) return { journal, pending: undefined, problems: [] };
    const text = readFileSync(path, 'utf8');
    if (text === '' || !text.endsWith('\n')) return { journal, pending: undefined, problems: [] };
    try {
      return { journal, pending: JSON.parse(text) as unknown, problems: [] };
    } catch {
      // Complete but not JSON: a hand edit or a disk fault. Kept as evidence, never replayed.
      const aside = journal.setAside(now());
      return {
        journal,
        pending: undefined,
        problems: [
          {
            message:
              `The record of an interrupted change (${path}) could not be read; it was kept as ${aside}. ` +
              'A change made just before the app stopped may be incomplete: check the audit log.',
          },
        ],
      };
    }
  }

  /** Moves an intent that cannot be replayed out of the way, as evidence; returns where to. */
  setAside(at: Date): string {
    const aside = join(
      dirname(this.path),
      `intent.unreadable-${at.toISOString().replace(/[:.]/g, '-')}.json`,
    );
    renameSync(this.path, aside);
    return aside;
  }

  /**
   * Writes the intent, replacing the one there, and makes it durable: then the change may start.
   * Written whole under a temporary name, fsynced, renamed over the file, the directory fsynced:
   * the file holds the old intent or the new one, never neither. The undo of a failed change
   * relies on it: should its intent not be written (a full disk), the failed change's intent is
   * still there, and the next start rolls that change forward rather than leave it half written.
   */
  async begin(intent: unknown): Promise<void> {
    // `intent.json.<pid>.tmp`: a crash's leftover is removed at start (platform/private-data-dir.ts).
    const temp = `${this.path}.${process.pid}.tmp`;
    try {
      // Opened per change (one open and close beside the fsync): no handle outlives the core.
      const handle = await open(temp, 'w', 0o600);
      try {
        await handle.write(`${JSON.stringify(intent)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await syncDirectory(dirname(this.path));
  }

  /**
   * Empties the file: the change is complete. Not fsynced: should the emptying be lost (a power
   * cut, not a killed process), the intent is replayed at start, and replaying a complete change
   * writes the same rows again and finds its audit entries already there. Any later change would
   * have replaced this intent with its own, fsynced, before touching a store file.
   */
  async end(): Promise<void> {
    await truncate(this.path, 0).catch(ignoreMissing);
  }
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}
