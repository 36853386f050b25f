/** How the Audit screen words an entry: its time, and the detail a row opens. */
import type { AuditEntry } from '../../../shared/domain/audit';
import { describeChange } from '../../../shared/domain/audit-changes';
import { bidiShown } from '../../../shared/domain/text-rules';
import { formatDateTime } from '../common/date-time';
import { entityLabel, fieldLabel, fieldLabels } from '../common/field-labels';
import { humanize } from './audit-filter-draft';

/** An audit entry's time as every screen writes it (common/date-time.ts). */
export const auditTime = (iso: string): string => formatDateTime(iso);

const entity = (entry: AuditEntry): string =>
  entry.entityId === null ? entityLabel(entry.entity) : `${entityLabel(entry.entity)} ${entry.entityId}`;

/** Who, when, what and on which record, with the fields as the forms label them. */
export function auditDetailFields(entry: AuditEntry): [label: string, value: string][] {
  const fields = fieldLabels(entry.entity, entry.fields);
  return [
    ['When', auditTime(entry.at)],
    ['Who', bidiShown(entry.actor)],
    ['Action', humanize(entry.action)],
    ['Entity', entity(entry)],
    ['Subject', bidiShown(entry.label) || '—'],
    ['Changed fields', fields.length > 0 ? fields.join(', ') : '—'],
    ['Result', entry.result === 'success' ? 'Success' : 'Failure'],
    // Texts that came from outside the forms' rules (a target's message, an entry written before
    // them): a bidi override is named, not obeyed.
    ['Detail', bidiShown(entry.detail) || '—'],
    ['Entry', `#${entry.seq}`],
  ];
}

/**
 * An entry's changes as lines ("Address: a → b", "Password: changed"), labelled as the forms label
 * them today; `more`: changed fields the entry names but holds no value for (a bounded entry).
 */
export function auditChangeLines(entry: AuditEntry): { lines: string[]; more: number } {
  const changes = entry.changes ?? [];
  const lines = changes.map((c) => {
    const label = fieldLabel(entry.entity, c.field);
    return bidiShown(describeChange({ ...c, label: label === c.field ? c.label : label }));
  });
  const told = new Set(changes.map((c) => c.field));
  const more = changes.length === 0 ? 0 : entry.fields.filter((f) => !told.has(f)).length;
  return { lines, more };
}
