import type { AuditEntry } from '../../shared/domain/audit';
import { describeChanges } from '../../shared/domain/audit-changes';
import { toCsv } from '../storage/csv';

const header = [
  'Seq',
  'Time',
  'Actor',
  'Action',
  'Entity',
  'Entity ID',
  'Label',
  'Fields',
  'Result',
  'Detail',
  'Changes',
];

/** Audit entries as CSV, in the order given (the screen's: newest first). */
export function auditCsv(entries: Iterable<AuditEntry>): { csv: string; count: number } {
  let count = 0;
  const rows = function* () {
    for (const e of entries) {
      count += 1;
      yield [
        e.seq,
        e.at,
        e.actor,
        e.action,
        e.entity,
        e.entityId,
        e.label,
        e.fields.join(' '),
        e.result,
        e.detail,
        describeChanges(e.changes ?? []),
      ];
    }
  };
  const csv = toCsv(header, rows());
  return { csv, count };
}
