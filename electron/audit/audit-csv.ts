import type { AuditEntry } from '../../shared/domain/audit';
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
      ];
    }
  };
  const csv = toCsv(header, rows());
  return { csv, count };
}
