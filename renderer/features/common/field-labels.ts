/**
 * The audit log names changed fields by their keys (`jit.enablePluginId`); people read them as the
 * forms label them ("Credential enable plugin"). One map for every screen that shows audit fields
 * (a credential's History, Reports > Audit), from the lists the core audits with (shared/domain/
 * *-changes.ts), so a label is written once. The CSV export keeps the keys.
 */
import type { AuditEntity } from '../../../shared/domain/audit';
import { credentialFieldLabels } from '../../../shared/domain/credential-changes';
import { customFieldLabel } from '../../../shared/domain/custom-field-changes';
import { deviceFieldLabels } from '../../../shared/domain/device-changes';
import { settingFieldLabels } from '../../../shared/domain/settings-changes';
import { templateFieldLabels } from '../../../shared/domain/template-changes';

export const fieldLabelsByEntity: Partial<Record<AuditEntity, Readonly<Record<string, string>>>> = {
  credential: credentialFieldLabels,
  device: deviceFieldLabels,
  template: templateFieldLabels,
  settings: settingFieldLabels,
};

/**
 * A field key as its form labels it; a key the map does not know is shown as it is (better a raw
 * key than nothing). Own properties only: a key like `constructor` is not a label.
 */
export function fieldLabel(entity: AuditEntity, key: string): string {
  // `customFields.API_KEY`: one custom field, by its name (never its value).
  const custom = /^customFields\.(.+)$/.exec(key)?.[1];
  if (custom !== undefined) return customFieldLabel(custom);
  const labels = fieldLabelsByEntity[entity];
  return labels !== undefined && Object.hasOwn(labels, key) ? (labels[key] ?? key) : key;
}

/** What an audit entry is about, as the screens name it (`host_key` reads "Host key"). */
const entityLabels: Record<AuditEntity, string> = {
  device: 'Device',
  credential: 'Credential',
  template: 'Template',
  settings: 'Settings',
  vault: 'Vault',
  bundle: 'Bundle',
  host_key: 'Host key',
};

export const entityLabel = (entity: AuditEntity): string => entityLabels[entity];

/** Every field of an audit entry as people read them, in the entry's order. */
export function fieldLabels(entity: AuditEntity, keys: readonly string[]): string[] {
  return keys.map((key) => fieldLabel(entity, key));
}
