/**
 * What a device save changed, for its audit entry, by the Device form's labels. No device field is
 * secret except secret custom fields (custom-field-changes.ts).
 */
import type { AuditFieldChange } from './audit';
import { fieldChanges, labelsOf, type AuditedField } from './audit-changes';
import type { z } from 'zod';
import type { Connectivity, deviceInputSchema } from './device';

/** The fields the Device form edits, as a save has them (custom fields apart). */
type DeviceRecord = Omit<z.output<typeof deviceInputSchema>, 'customFields'>;

const protocolText = (c: Connectivity): string => `${c.protocol} ${c.port}`;

export const deviceFields: readonly AuditedField<DeviceRecord>[] = [
  { path: 'name', label: 'Name', read: (d) => d.name },
  { path: 'address', label: 'Address', read: (d) => d.address },
  { path: 'type', label: 'Type', read: (d) => d.type },
  { path: 'vendor', label: 'Vendor', read: (d) => d.vendor },
  { path: 'product', label: 'Product', read: (d) => d.product },
  { path: 'site', label: 'Site', read: (d) => d.site },
  { path: 'tags', label: 'Tags', read: (d) => d.tags },
  { path: 'active', label: 'Active', read: (d) => d.active },
  { path: 'connectivity', label: 'Connectivity', read: (d) => d.connectivity.map(protocolText) },
];

/** Each device field as the Device form labels it (for the audit screens). */
export const deviceFieldLabels: Readonly<Record<string, string>> = {
  ...labelsOf(deviceFields),
  customFields: 'Custom fields',
};

export const deviceChanges = (before: DeviceRecord, after: DeviceRecord): AuditFieldChange[] =>
  fieldChanges(deviceFields, before, after);
