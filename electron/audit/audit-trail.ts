import type { AuditEntity, AuditEntry } from '../../shared/domain/audit';

/** What a service says happened; the log adds seq, time and result defaults. */
export type AuditEvent = Omit<AuditEntry, 'seq' | 'at' | 'result' | 'detail' | 'fields'> &
  Partial<Pick<AuditEntry, 'result' | 'detail' | 'fields' | 'changes'>>;

/**
 * The append-only audit log as services see it. `record` resolves once the line is on disk
 * (fsync), so an action that must be audited can wait for it before it acts.
 */
export interface AuditTrail {
  record(event: AuditEvent): Promise<AuditEntry>;
}

/** Reading one record's entries back (a credential's History). */
export interface AuditReader {
  /** Entries about one record, newest first. */
  forEntity(entity: AuditEntity, id: number): AuditEntry[];
}

/** What start-up recovery needs: where the log stood, and what was written after that. */
export interface AuditTail {
  readonly lastSeq: number;
  after(seq: number): AuditEntry[];
}
