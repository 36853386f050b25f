/**
 * What a credential save changed, for its audit entry, by the Credential form's labels (Information
 * and JIT Settings tabs). The password and the SSH private key (with its passphrase) are sealed in
 * the vault: they are recorded as "changed" or "removed", never with a value, a length or a hash.
 * Secret custom fields likewise (custom-field-changes.ts).
 */
import type { z } from 'zod';
import type { AuditFieldChange } from './audit';
import { fieldChanges, labelsOf, type AuditedField, type NameLookup } from './audit-changes';
import type { credentialInputSchema } from './credential';
import { jitTypeLabels } from './jit';
import { findPlugin } from './plugin';

/** The fields the Credential form edits, as a save has them (custom fields apart). */
type CredentialRecord = Omit<z.output<typeof credentialInputSchema>, 'customFields'>;

/** "web-01 (#3)": the name when known, the id always (a name may be reused). */
const named = (name: string | undefined, id: number | null): string | null =>
  id === null ? null : name === undefined ? `#${id}` : `${name} (#${id})`;

/** A plugin by the name the pickers show ("PostgreSQL"), its id when this build does not know it. */
const plugin = (id: string | null): string | null => (id === null ? null : (findPlugin(id)?.name ?? id));

const template =
  (key: 'enable' | 'disable' | 'create' | 'delete') =>
  (c: CredentialRecord, names: NameLookup): string | null => {
    const id = c.jit[`${key}TemplateId`];
    return named(id === null ? undefined : names.template(id), id);
  };

export const credentialFields: readonly AuditedField<CredentialRecord>[] = [
  { path: 'username', label: 'Username', read: (c) => c.username },
  { path: 'type', label: 'Credential type', read: (c) => c.type },
  { path: 'deviceId', label: 'Device', read: (c, names) => named(names.device(c.deviceId), c.deviceId) },
  { path: 'domain', label: 'Domain', read: (c) => c.domain },
  { path: 'additionalInfo', label: 'Additional information', read: (c) => c.additionalInfo },
  { path: 'status', label: 'Status', read: (c) => c.status },
  { path: 'tags', label: 'Tags', read: (c) => c.tags },
  { path: 'password', label: 'Password', secret: true },
  { path: 'privateKey', label: 'SSH private key', secret: true },
  { path: 'jit.enabled', label: 'JIT enabled', read: (c) => c.jit.enabled },
  {
    path: 'jit.type',
    label: 'Just In Time Type',
    read: (c) => (c.jit.type === null ? null : jitTypeLabels[c.jit.type]),
  },
  {
    path: 'jit.useOwnCredential',
    label: 'Use own credential to connect',
    read: (c) => c.jit.useOwnCredential,
  },
  {
    path: 'jit.authCredentialId',
    label: 'Authentication credential',
    read: (c, names) => {
      const id = c.jit.authCredentialId;
      return named(id === null ? undefined : names.credential(id), id);
    },
  },
  {
    path: 'jit.enablePluginId',
    label: 'Credential enable plugin',
    read: (c) => plugin(c.jit.enablePluginId),
  },
  { path: 'jit.enableTemplateId', label: 'Credential enable template', read: template('enable') },
  {
    path: 'jit.disablePluginId',
    label: 'Credential disable plugin',
    read: (c) => plugin(c.jit.disablePluginId),
  },
  { path: 'jit.disableTemplateId', label: 'Credential disable template', read: template('disable') },
  {
    path: 'jit.createPluginId',
    label: 'Credential creation plugin',
    read: (c) => plugin(c.jit.createPluginId),
  },
  { path: 'jit.createTemplateId', label: 'Credential creation template', read: template('create') },
  {
    path: 'jit.deletePluginId',
    label: 'Credential deletion plugin',
    read: (c) => plugin(c.jit.deletePluginId),
  },
  { path: 'jit.deleteTemplateId', label: 'Credential deletion template', read: template('delete') },
];

/** Each credential field as the Credential form labels it (for the audit screens). */
export const credentialFieldLabels: Readonly<Record<string, string>> = {
  ...labelsOf(credentialFields),
  deleted: 'Deleted',
  jit: 'JIT Settings',
  customFields: 'Custom fields',
};

/** What a save did with a secret, as the service knows it: never its value. */
export type SecretChange = 'changed' | 'removed';

export function credentialChanges(
  before: CredentialRecord,
  after: CredentialRecord,
  names: NameLookup,
  secrets: { readonly password?: SecretChange; readonly privateKey?: SecretChange },
): AuditFieldChange[] {
  const secret = (path: 'password' | 'privateKey'): AuditFieldChange[] => {
    const note = secrets[path];
    const label = credentialFieldLabels[path] ?? path;
    return note === undefined ? [] : [{ field: path, label, note }];
  };
  return [
    ...fieldChanges(credentialFields, before, after, names),
    ...secret('password'),
    ...secret('privateKey'),
  ];
}
