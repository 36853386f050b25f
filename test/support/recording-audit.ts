import type { AuditEntry } from '../../shared/domain/audit';
import type { AuditEvent, AuditTrail } from '../../electron/audit/audit-trail';

/** An AuditTrail that keeps entries in memory, for tests of services that audit. */
export class RecordingAudit implements AuditTrail {
  readonly entries: AuditEntry[] = [];

  record(event: AuditEvent): Promise<AuditEntry> {
    const entry: AuditEntry = {
      seq: this.entries.length + 1,
      at: new Date(0).toISOString(),
      result: 'success',
      detail: '',
      fields: [],
      ...event,
    };
    this.entries.push(entry);
    return Promise.resolve(entry);
  }
}
