/**
 * The audit log names changed fields by their keys (`jit.enablePluginId`); people read them as the
 * forms label them ("Credential enable plugin"). One map for every screen that shows audit fields
 * (a credential's History, Reports > Audit). The CSV export keeps the keys.
 */
import type { AuditEntity } from '../../../shared/domain/audit';
import { settingFieldLabels } from '../../../shared/domain/settings-changes';

const credentialFields: Record<string, string> = {
  username: 'Username',
  type: 'Credential type',
  deviceId: 'Device',
  domain: 'Domain',
  additionalInfo: 'Additional information',
  status: 'Status',
  tags: 'Tags',
  password: 'Password',
  privateKey: 'SSH private key',
  deleted: 'Deleted',
  jit: 'JIT Settings',
  'jit.enabled': 'JIT enabled',
  'jit.type': 'Just In Time Type',
  'jit.useOwnCredential': 'Use own credential to connect',
  'jit.authCredentialId': 'Authentication credential',
  'jit.enablePluginId': 'Credential enable plugin',
  'jit.enableTemplateId': 'Credential enable template',
  'jit.disablePluginId': 'Credential disable plugin',
  'jit.disableTemplateId': 'Credential disable template',
  'jit.createPluginId': 'Credential creation plugin',
  'jit.createTemplateId': 'Credential creation template',
  'jit.deletePluginId': 'Credential deletion plugin',
  'jit.deleteTemplateId': 'Credential deletion template',
  customFields: 'Custom fields',
};

const deviceFields: Record<string, string> = {
  name: 'Name',
  address: 'Address',
  type: 'Type',
  vendor: 'Vendor',
  product: 'Product',
  site: 'Site',
  tags: 'Tags',
  active: 'Active',
  connectivity: 'Connectivity',
  customFields: 'Custom fields',
};

const templateFields: Record<string, string> = {
  name: 'Name',
  pluginId: 'Plugin',
  executionType: 'Execution type',
  active: 'Active',
  description: 'Description',
  content: 'Content',
};

export const fieldLabelsByEntity: Partial<Record<AuditEntity, Readonly<Record<string, string>>>> = {
  credential: credentialFields,
  device: deviceFields,
  template: templateFields,
  settings: settingFieldLabels,
};

/**
 * A field key as its form labels it; a key the map does not know is shown as it is (better a raw
 * key than nothing). Own properties only: a key like `constructor` is not a label.
 */
export function fieldLabel(entity: AuditEntity, key: string): string {
  // `customFields.API_KEY`: one custom field, by its name (never its value).
  const custom = /^customFields\.(.+)$/.exec(key)?.[1];
  if (custom !== undefined) return `Custom field ${custom}`;
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
