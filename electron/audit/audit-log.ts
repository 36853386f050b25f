import { join } from 'node:path';
import {
  auditEntrySchema,
  type AuditEntry,
  type AuditEntity,
  type AuditFilter,
} from '../../shared/domain/audit';
import type { EventBus } from '../platform/event-bus';
import type { Clock } from '../platform/clock';
import type { StoreProblem } from '../storage/config-store';
import { auditCsv } from './audit-csv';
import { describeBadLines, readJsonLines, type LoadedLines } from '../storage/jsonl/read-json-lines';
import { JsonlAppender } from '../storage/jsonl/jsonl-appender';
import { AuditIndex, type AuditPage } from './audit-index';
import type { AuditEvent, AuditReader, AuditTrail } from './audit-trail';

export const auditFileName = 'audit.jsonl';

export interface AuditLogOptions {
  /** The data directory; the log is `<dir>/audit.jsonl`. */
  readonly dir: string;
  readonly clock: Clock;
  /** Every appended entry is also pushed as `audit.appended`. */
  readonly events?: Pick<EventBus, 'emit'>;
}

/**
 * The append-only audit log: one JSON entry a line in `audit.jsonl`, each fsync'ed before `record`
 * resolves, so a caller that must audit before acting (revealing a password) can rely on it.
 *
 * Entries are numbered and queued for the file in call order: seq numbers follow file order even
 * when services record concurrently (the appender writes them together, one fsync). Lines are never rewritten; a line cut short by a crash is skipped on open,
 * reported in `problems`, and the next entry starts on a fresh line after it.
 *
 * Queries run on an in-memory index of every entry (see AuditIndex for the cost at scale).
 */
export class AuditLog implements AuditTrail, AuditReader {
  readonly #index = new AuditIndex();
  readonly #file: JsonlAppender;
  #lastSeq: number;
  #tail: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly options: AuditLogOptions,
    readonly problems: readonly StoreProblem[],
    loaded: LoadedLines<AuditEntry>,
  ) {
    this.#file = new JsonlAppender(join(options.dir, auditFileName), loaded);
    for (const entry of loaded.items) this.#index.add(entry);
    // Continue after the highest seq seen, not the last line: a hand-reordered file must not make
    // two entries share a number.
    this.#lastSeq = loaded.items.reduce((max, e) => Math.max(max, e.seq), 0);
  }

  static open(options: AuditLogOptions): AuditLog {
    const path = join(options.dir, auditFileName);
    const loaded = readJsonLines(path, (json) => {
      const parsed = auditEntrySchema.safeParse(json);
      return parsed.success ? parsed.data : undefined;
    });
    return new AuditLog(options, describeBadLines(path, 'audit log', loaded.badLines), loaded);
  }

  get path(): string {
    return this.#file.path;
  }

  get size(): number {
    return this.#index.size;
  }

  record(event: AuditEvent): Promise<AuditEntry> {
    // Numbered and queued at once (#append does both before its first await): entries recorded
    // together share one fsync, and seq numbers follow file order.
    const result = this.#append(event);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** The seq of the newest entry numbered so far (its line may still be on its way to the file). */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** The entries numbered above `seq`, oldest first (start-up recovery looks for its own there). */
  after(seq: number): AuditEntry[] {
    return this.#index.after(seq);
  }

  list(filter: AuditFilter, offset: number, limit: number): AuditPage {
    return this.#index.page(filter, offset, limit);
  }

  forEntity(entity: AuditEntity, id: number): AuditEntry[] {
    return [...this.#index.matching({ entity, entityId: id })];
  }

  exportCsv(filter: AuditFilter): { csv: string; count: number } {
    return auditCsv(this.#index.matching(filter));
  }

  /** Waits for pending appends and closes the file. */
  async close(): Promise<void> {
    await this.#tail;
    await this.#file.close();
  }

  async #append(event: AuditEvent): Promise<AuditEntry> {
    // Validate first: a malformed event is a bug of the caller and must not reach the file.
    const entry = auditEntrySchema.parse({
      result: 'success',
      detail: '',
      fields: [],
      ...event,
      seq: this.#lastSeq + 1,
      at: this.options.clock.now().toISOString(),
    });
    // The number is used once the write is attempted: if the write fails half-way the line may
    // still be on disk, and a gap in the numbers is better than two entries sharing one.
    this.#lastSeq = entry.seq;
    await this.#file.append(entry);
    this.#index.add(entry);
    this.options.events?.emit('audit.appended', entry);
    return entry;
  }
}
