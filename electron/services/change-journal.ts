import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { auditEntrySchema, type AuditEntry } from '../../shared/domain/audit';
import type { AuditEvent, AuditTail, AuditTrail } from '../audit/audit-trail';
import type { Clock } from '../platform/clock';
import type { StoreProblem } from '../storage/config-store';
import type { EntityTable, Row } from '../storage/entity-table';
import type { IntentJournal } from '../storage/intent-journal';
import { ServiceError } from './service-error';

/** The tables a change may write, by the name the intent records. */
export const journaledTables = ['devices', 'templates', 'templateVersions', 'credentials'] as const;
export type JournaledTable = (typeof journaledTables)[number];

/** Rows of one table to insert or replace, and ids to remove. */
export interface TableChange {
  readonly name: JournaledTable;
  readonly table: EntityTable<Row>;
  readonly put?: readonly Row[];
  readonly remove?: readonly number[];
}

/** One change as the user sees it: its rows, in any tables, and its audit entries. */
export interface Change {
  readonly tables: readonly TableChange[];
  readonly audit: readonly AuditEvent[];
  /**
   * A write outside the tables (a credential's password in the vault), made after the intent and
   * before the rows; returns how to undo it. The intent never holds a secret: should the app stop
   * around this write, recovery cannot tell whether it happened, and its audit entry says so.
   */
  readonly before?: () => Promise<() => Promise<void>>;
  /** `before` changes a password (recovery's audit note warns it may not have been stored). */
  readonly password?: boolean;
}

/** How services write a change; the journal in the app, `unjournaled` in read-only benches. */
export interface ChangeWriter {
  commit(change: Change, audit: AuditTrail): Promise<void>;
}

const intentSchema = z.object({
  version: z.literal(1),
  at: z.string(),
  /** The audit log's last seq before the change: its own entries can only come after it. */
  auditAfter: z.number().int(),
  password: z.boolean(),
  tables: z.array(
    z.object({
      name: z.enum(journaledTables),
      put: z.array(z.unknown()),
      remove: z.array(z.number().int()),
    }),
  ),
  audit: z.array(
    auditEntrySchema.omit({ seq: true, at: true }).partial({ result: true, detail: true, fields: true }),
  ),
});
type Intent = z.output<typeof intentSchema>;

/**
 * Makes every change of devices, templates and credentials all-or-nothing across a crash, with
 * its audit entries. A change is written as:
 *
 * 1. the intent (storage/intent-journal.ts): every row the change writes or removes, in every
 *    table, and its audit entries, fsynced before anything else is touched;
 * 2. the `before` write (a password in the vault), then the rows (each store file atomically);
 * 3. the audit entries (fsynced); only then does the caller answer (the change is acknowledged);
 * 4. the intent is ended.
 *
 * The audit entries are thus on disk with the change from its first write on: in the intent, then
 * in the log. Should the app stop after step 1, the next start replays the intent before anything
 * else reads the tables (`replayIntent`): every row is written again (idempotent: same rows, same
 * ids), and the audit entries not found in the log after the intent's mark are recorded, with a
 * note that the change was completed at start. An intent cut short in step 1 was never complete
 * and is ignored: nothing of it was written. So an import is in full or not at all, and no change
 * is on disk without its audit entry, nor an audit entry without its change.
 *
 * Why the entries reach the log after the rows rather than before them: an entry logged first
 * would stand for a change that a full disk can still refuse, or that would then have to be rolled
 * forward from the intent anyway. The intent carries the entries from the change's first write on;
 * until the next start, `intent.json` is where a reader of the files finds them, and the start logs
 * them before any other change is written (first task of the write queue, part of `ready`).
 *
 * A write that fails (not a crash) is undone, the undo journaled the same way: should it fail too,
 * the next start completes the undo, so the change is not there, as its caller was told; so does
 * the next change, which first runs the undo again (refused while that fails). Should the undo's
 * intent itself not be written, the change's intent stays: a start before that retry completes
 * the change instead. Whole either way, and audited.
 */
export class ChangeJournal implements ChangeWriter {
  constructor(
    private readonly deps: {
      readonly journal: IntentJournal;
      readonly tail: AuditTail;
      readonly clock: Clock;
    },
  ) {}

  /**
   * The undo of a failed change that could not be written (a full disk): run again before the
   * next change, as the intent on disk must not be replaced by another change's before it is done.
   */
  #unfinishedUndo: (() => Promise<void>) | undefined;

  async commit(change: Change, audit: AuditTrail): Promise<void> {
    if (this.#unfinishedUndo) {
      try {
        await this.#unfinishedUndo();
      } catch {
        throw new ServiceError(
          'unavailable',
          'A change that failed could not be undone yet (is the disk full?): nothing more is saved ' +
            'until it is; restarting JIT PAM completes it.',
        );
      }
      this.#unfinishedUndo = undefined;
    }
    const undoRows = undoOf(change.tables);
    await this.deps.journal.begin(this.#intent(change.tables, change.audit, change.password ?? false));
    let undoBefore: (() => Promise<void>) | undefined;
    const recorded: AuditEntry[] = [];
    try {
      undoBefore = await change.before?.();
      await applyTables(change.tables);
      for (const event of change.audit) recorded.push(await audit.record(event));
    } catch (error) {
      await this.#undo(undoRows, undoBefore, recorded, audit);
      throw error;
    }
    await this.deps.journal.end().catch(logEndFailure);
  }

  /**
   * Undoes a change whose write failed, as a change of its own: its intent (the rows as they were,
   * and a failure entry for each entry the change already logged) replaces the change's, so should
   * the undo fail too (the same full disk), the next start completes the undo, not the change the
   * caller was told had failed.
   */
  async #undo(
    undoRows: readonly TableChange[],
    undoBefore: (() => Promise<void>) | undefined,
    recorded: readonly AuditEntry[],
    audit: AuditTrail,
  ): Promise<void> {
    const failures: AuditEvent[] = recorded.map(({ seq: _seq, at: _at, ...event }) => ({
      ...event,
      result: 'failure',
      detail: 'Not saved: a later write of the change failed',
    }));
    const run = () => this.#runUndo(undoRows, undoBefore, failures, audit);
    try {
      await run();
    } catch (undo) {
      // Should its intent not have been written, the change's is still there, whole (`begin`
      // replaces it atomically or not at all): a start before the retry completes the change.
      this.#unfinishedUndo = run;
      console.error(
        'could not undo a failed change (tried again before the next change):',
        undo instanceof Error ? undo.message : 'unknown',
      );
    }
  }

  /** `failures`: the entries still to log, taken off as they are logged (a retry logs the rest). */
  async #runUndo(
    undoRows: readonly TableChange[],
    undoBefore: (() => Promise<void>) | undefined,
    failures: AuditEvent[],
    audit: AuditTrail,
  ): Promise<void> {
    await this.deps.journal.begin(this.#intent(undoRows, failures, false));
    await undoBefore?.();
    await applyTables(undoRows);
    for (let event = failures[0]; event !== undefined; event = failures[0]) {
      await audit.record(event);
      failures.shift();
    }
    await this.deps.journal.end();
  }

  #intent(tables: readonly TableChange[], audit: readonly AuditEvent[], password: boolean): Intent {
    return {
      version: 1,
      at: this.deps.clock.now().toISOString(),
      auditAfter: this.deps.tail.lastSeq,
      password,
      tables: tables.map((t) => ({ name: t.name, put: [...(t.put ?? [])], remove: [...(t.remove ?? [])] })),
      audit: audit.map((event) => ({ ...event })),
    };
  }
}

/** Rows first, then audit entries, no intent: not crash-safe (benches that only read). */
export const unjournaled: ChangeWriter = {
  async commit(change, audit) {
    const undoBefore = await change.before?.();
    try {
      await applyTables(change.tables);
    } catch (error) {
      await undoBefore?.().catch(() => undefined);
      throw error;
    }
    for (const event of change.audit) await audit.record(event);
  },
};

/** What `replayIntent` did at start; `finish` runs on the write queue, before any other write. */
export interface Replay {
  readonly problems: readonly StoreProblem[];
  finish(audit: AuditTrail & AuditTail): Promise<void>;
}

export interface ReplayTable {
  readonly table: EntityTable<Row>;
  readonly schema: z.ZodType<Row>;
}

/**
 * Rolls an interrupted change forward (see ChangeJournal): writes its rows into the tables now,
 * synchronously, so that the services built next index them; `finish` waits for the files, logs
 * the audit entries the change did not get to log, and ends the intent. An intent that cannot be
 * read, or holds a row its table's schema refuses, is set aside and reported, never half replayed.
 */
export function replayIntent(
  pending: unknown,
  journal: IntentJournal,
  tables: Readonly<Record<JournaledTable, ReplayTable>>,
  now: () => Date,
): Replay {
  const none: Replay = { problems: [], finish: () => Promise.resolve() };
  if (pending === undefined) return none;
  const refuse = (why: string): Replay => {
    const aside = journal.setAside(now());
    return {
      problems: [
        {
          message:
            `A change interrupted when the app stopped could not be completed (${why}); its record was ` +
            `kept as ${aside}. Nothing of it was replayed: check the audit log and the last changes.`,
        },
      ],
      finish: () => Promise.resolve(),
    };
  };
  const parsed = intentSchema.safeParse(pending);
  if (!parsed.success) return refuse('its record is not in the expected form');
  const intent = parsed.data;
  const changes: TableChange[] = [];
  for (const t of intent.tables) {
    const { table, schema } = tables[t.name];
    const rows: Row[] = [];
    for (const row of t.put) {
      const checked = schema.safeParse(row);
      if (!checked.success) return refuse(`a row of ${t.name} is not valid`);
      rows.push(checked.data);
    }
    changes.push({ name: t.name, table, put: rows, remove: t.remove });
  }
  const written = applyTables(changes);
  // Observed by `finish`; without this, a failure before it runs would be an unhandled rejection.
  written.catch(() => undefined);
  return {
    problems: [],
    finish: async (audit) => {
      await written;
      await logMissing(intent, audit);
      await journal.end();
    },
  };
}

/** Records the intent's audit entries that the log does not hold after the intent's mark. */
async function logMissing(intent: Intent, audit: AuditTrail & AuditTail): Promise<void> {
  const later = audit.after(intent.auditAfter);
  let from = 0;
  for (const event of intent.audit) {
    const found = later.findIndex((entry, i) => i >= from && sameEvent(entry, event));
    if (found >= 0) {
      from = found + 1;
      continue;
    }
    const note =
      `completed at start: the app stopped while saving this change (begun ${intent.at})` +
      (intent.password ? '; the new password may not have been stored, check it or set it again' : '');
    const detail = event.detail ? `${event.detail}; ${note}` : note.charAt(0).toUpperCase() + note.slice(1);
    await audit.record({ ...event, detail });
  }
}

function sameEvent(entry: AuditEntry, event: AuditEvent): boolean {
  return (
    entry.actor === event.actor &&
    entry.action === event.action &&
    entry.entity === event.entity &&
    entry.entityId === event.entityId &&
    entry.label === event.label &&
    entry.result === (event.result ?? 'success') &&
    entry.detail === (event.detail ?? '') &&
    isDeepStrictEqual(entry.fields, event.fields ?? [])
  );
}

/** Every put and remove of every table in one turn: each store file is written once. */
async function applyTables(changes: readonly TableChange[]): Promise<void> {
  const writes: Promise<void>[] = [];
  for (const { table, put = [], remove = [] } of changes) {
    if (put.length > 0) writes.push(table.put(...put));
    for (const id of remove) writes.push(table.remove(id));
  }
  const results = await Promise.allSettled(writes);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** The rows as they are before `changes`: putting them back (or removing new ones) undoes it. */
function undoOf(changes: readonly TableChange[]): TableChange[] {
  return changes.map(({ name, table, put = [], remove = [] }) => {
    const back: Row[] = [];
    const drop: number[] = [];
    for (const id of [...put.map((r) => r.id), ...remove]) {
      const row = table.get(id);
      if (row) back.push(row);
      else drop.push(id);
    }
    return { name, table, put: back, remove: drop };
  });
}

function logEndFailure(error: unknown): void {
  // The change is complete; a leftover intent is replayed at start, to the same result.
  console.error('could not end the change record:', error instanceof Error ? error.message : 'unknown');
}
