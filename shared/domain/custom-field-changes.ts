/**
 * A save's custom fields for its audit entry, one change per field by name: a text field with its
 * value before and after, a secret one (or one that is or was secret) only "added", "removed" or
 * "changed". Shared by devices and credentials.
 */
import type { AuditFieldChange } from './audit';
import { shown } from './audit-changes';
import type { CustomField } from './custom-fields';

/** As the audit screens label `customFields.NAME` (renderer/features/common/field-labels.ts). */
export const customFieldLabel = (name: string): string => `Custom field ${name}`;

/**
 * `changed`: the names a save changed (`customFields.NAME`, or `customFields` when only the order
 * changed), from planCustomFields, which alone knows whether a secret value was replaced.
 */
export function customFieldChanges(
  before: readonly CustomField[],
  after: readonly CustomField[],
  changed: readonly string[],
): AuditFieldChange[] {
  return changed.map((path) => {
    const name = /^customFields\.(.+)$/.exec(path)?.[1];
    if (name === undefined) return { field: path, label: 'Custom fields', note: 'reordered' };
    const label = customFieldLabel(name);
    const was = before.find((f) => f.name === name);
    const now = after.find((f) => f.name === name);
    const secret = was?.kind === 'secret' || now?.kind === 'secret';
    if (!was)
      return { field: path, label, note: secret ? 'added (secret)' : `added: ${shown(now?.value ?? '')}` };
    if (!now) return { field: path, label, note: 'removed' };
    if (secret) return { field: path, label, note: 'changed' };
    return { field: path, label, before: shown(was.value), after: shown(now.value) };
  });
}
