/**
 * The records as the core stores them, and the edited fields as services receive them (zod
 * output of the contract's input schemas). Stored rows leave out what is derived on reading:
 * a device's credential count, whether a credential has a password or a custom field a value (the
 * vault knows).
 */
import { z } from 'zod';
import { credentialSchema } from '../../shared/domain/credential';
import { storedCustomFieldsSchema } from '../../shared/domain/custom-fields';
import { idSchema } from '../../shared/domain/common';
import { deviceInputSchema, deviceSchema } from '../../shared/domain/device';
import { templateInputSchema, templateSchema, templateVersionSchema } from '../../shared/domain/template';

export const storedDeviceSchema = deviceSchema
  .omit({ credentialCount: true })
  .extend({ customFields: storedCustomFieldsSchema });
export type StoredDevice = z.output<typeof storedDeviceSchema>;
export type DeviceFields = z.output<typeof deviceInputSchema>;
export const deviceFieldNames = Object.keys(deviceInputSchema.shape) as Extract<keyof DeviceFields, string>[];

export const storedCredentialSchema = credentialSchema
  .omit({ hasPassword: true, hasKey: true })
  .extend({ customFields: storedCustomFieldsSchema });
export type StoredCredential = z.output<typeof storedCredentialSchema>;

export const storedTemplateSchema = templateSchema.extend({
  /** A built-in's stable key (from its plugin), so a renamed built-in is updated, not duplicated. */
  builtInKey: z.string().nullable().default(null),
});
export type StoredTemplate = z.output<typeof storedTemplateSchema>;
export type TemplateFields = z.output<typeof templateInputSchema>;
export const templateFieldNames = Object.keys(templateInputSchema.shape) as Extract<
  keyof TemplateFields,
  string
>[];

/** Every version of one template, kept under the template's id (also after it is deleted). */
export const templateVersionsRowSchema = z.object({ id: idSchema, versions: z.array(templateVersionSchema) });
export type TemplateVersionsRow = z.output<typeof templateVersionsRowSchema>;

/** The config sections and the file of each. */
export const sections = {
  devices: 'devices',
  templates: 'templates',
  templateVersions: 'templateVersions',
  /**
   * In their own files, `credentials/ids-<first>-<last>.json` (manifest `credentials.json`), so
   * device and template writes stay small and a save rewrites one range of ids only.
   */
  credentials: 'credentials',
  /** Trusted SSH host keys (services/host-key-service.ts), in config.json. */
  hostKeys: 'hostKeys',
} as const;
