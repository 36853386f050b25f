import { z } from 'zod';
import {
  credentialInputSchema,
  credentialJitSchema,
  maxPasswordLength,
  maxPrivateKeyLength,
} from './credential';
import { customFieldInputSchema, customFieldsInputSchema } from './custom-fields';
import { deviceInputSchema } from './device';
import { pluginIdSchema } from './plugin';
import { executionTypeSchema, refuseEmptyActive, templateInputSchema } from './template';

/**
 * The import/export bundle (format version 3): devices, templates and credentials, linked by
 * references local to the file (`ref`), so ids of one installation never leak into another.
 * Passwords and SSH private keys (with their passphrases) travel only in `secrets`, encrypted with
 * a passphrase the user typed (scrypt + AES-256-GCM).
 *
 * Decisions worth knowing:
 * - Exports write refs as `d<id>`, `t<id>`, `c<id>`; imports accept any ref of 1 to 64 characters,
 *   unique within its kind (templates and built-in templates share one kind).
 * - Built-in templates exist in every installation and are read-only, so they are not copied: a
 *   credential that uses one points at an entry of `builtInTemplates`, which names it by its stable
 *   key; the import resolves the key to the local built-in (and reports a key it does not have).
 * - Items are strict: an unknown key (a typo, or an id where a ref belongs) is a problem, not
 *   silently dropped.
 * - A JIT credential keeps the choices of both sections (as the form does), so all four template
 *   refs travel; a ref to a record that no longer exists (a deleted credential) is exported as null.
 * - Version 2 added SSH keys: a credential says `hasKey` (so an export without secrets still tells
 *   the import a key was left out), and `secrets` holds `{ passwords, keys }`. Version 1 files
 *   (secrets: a map of passwords only) are still read; a version 1 app refuses a version 2 file as
 *   made by a newer version rather than dropping its keys.
 * - Version 3 added secret custom fields: a device's or credential's record names each one (name
 *   and kind, its value always empty, so an export without secrets still tells the import it was
 *   left out), and `secrets` holds `{ passwords, keys, customFields }`, the values by owner ref and
 *   field name. Version 1 and 2 files are still read; a version 2 app refuses a version 3 file as
 *   made by a newer version rather than dropping its secret fields.
 */
export const bundleFormat = 'jit-pam-bundle';
export const bundleVersion = 3;
/** Every version this app reads. */
export const bundleVersions = [1, 2, 3] as const;
export type BundleVersion = (typeof bundleVersions)[number];

const refSchema = z.string().min(1, 'Required').max(64, 'At most 64 characters');

/**
 * Custom fields in a bundle. A secret field is named with an empty value: its value travels only in
 * the sealed `secrets` (when the export included them); one in clear in the file is refused rather
 * than stored. Names are unique per record, as the form requires: a sealed value is found by name.
 */
const bundleCustomFieldsSchema = customFieldsInputSchema.superRefine((fields, ctx) => {
  const seen = new Set<string>();
  fields.forEach((field, index) => {
    if (seen.has(field.name))
      ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `${field.name} is used twice` });
    seen.add(field.name);
    if (field.kind === 'secret' && field.value !== '')
      ctx.addIssue({
        code: 'custom',
        path: [index, 'value'],
        message: `The value of the secret field ${field.name} must not be in clear: it travels only in the encrypted secrets`,
      });
  });
});

export const bundleDeviceSchema = deviceInputSchema
  .extend({ ref: refSchema, customFields: bundleCustomFieldsSchema })
  .strict();

export const bundleTemplateSchema = templateInputSchema
  .extend({ ref: refSchema })
  .strict()
  .superRefine(refuseEmptyActive);

/** A built-in template of the exporting installation, named by its stable key (not copied). */
export const bundleBuiltInTemplateSchema = z
  .object({
    ref: refSchema,
    key: z.string().min(1, 'Required').max(200, 'At most 200 characters'),
    /** For messages and for people reading the file; the local built-in's own fields count. */
    name: z.string().max(200).default(''),
    pluginId: pluginIdSchema,
    executionType: executionTypeSchema,
  })
  .strict();

/** The JIT settings without the ids: those travel as refs in `jitRefs`. */
export const bundleJitSchema = credentialJitSchema
  .omit({
    authCredentialId: true,
    enableTemplateId: true,
    disableTemplateId: true,
    createTemplateId: true,
    deleteTemplateId: true,
  })
  .strict();

export const bundleJitRefsSchema = z
  .object({
    authCredentialRef: refSchema.nullable().default(null),
    enableTemplateRef: refSchema.nullable().default(null),
    disableTemplateRef: refSchema.nullable().default(null),
    createTemplateRef: refSchema.nullable().default(null),
    deleteTemplateRef: refSchema.nullable().default(null),
  })
  .strict();
export type BundleJitRefs = z.output<typeof bundleJitRefsSchema>;

/** A credential whose device, templates and authentication credential are given by reference. */
export const bundleCredentialSchema = credentialInputSchema
  .omit({ deviceId: true, jit: true })
  .extend({
    ref: refSchema,
    deviceRef: refSchema,
    jit: bundleJitSchema.default(bundleJitSchema.parse({})),
    jitRefs: bundleJitRefsSchema.default(bundleJitRefsSchema.parse({})),
    customFields: bundleCustomFieldsSchema,
    /**
     * The credential had an SSH private key when exported (in `secrets` only if they were
     * included). Optional: version 1 files, and bundles other tools build, do not say.
     */
    hasKey: z.boolean().optional(),
  })
  .strict();

/**
 * scrypt's cost comes from the file, so it is bounded: memory is 128·N·r bytes, and an unbounded
 * N would let a crafted bundle exhaust the machine's memory before the passphrase is even tried.
 */
export const bundleKdfSchema = z
  .object({
    name: z.literal('scrypt'),
    salt: z.base64().min(16, 'Too short'),
    N: z
      .number()
      .int()
      .min(2 ** 10)
      .max(2 ** 20)
      .refine((n) => (n & (n - 1)) === 0, 'Must be a power of two'),
    r: z.number().int().min(1).max(16),
    p: z.number().int().min(1).max(4),
  })
  .strict()
  .refine((k) => k.N * k.r <= 2 ** 21, 'The scrypt cost is too high (N·r at most 2^21)');

export const bundleSecretsSchema = z
  .object({
    kdf: bundleKdfSchema,
    sealed: z.object({ iv: z.base64(), tag: z.base64(), ct: z.base64() }).strict(),
  })
  .strict();
export type BundleSecrets = z.output<typeof bundleSecretsSchema>;

/** What `secrets.sealed` holds once opened in a version 1 file: credential ref → password. */
export const bundlePasswordsSchema = z.record(z.string(), z.string());

/**
 * An SSH private key and its passphrase (empty: not encrypted), as the vault keeps them. The
 * lengths are the credential form's; whether the text is a usable key is the core's check.
 */
export const bundleKeySchema = z
  .object({
    privateKey: z.string().max(maxPrivateKeyLength, `At most ${maxPrivateKeyLength} characters`),
    passphrase: z.string().max(maxPasswordLength, `At most ${maxPasswordLength} characters`).default(''),
  })
  .strict();
export type BundleKey = z.output<typeof bundleKeySchema>;

/**
 * What `secrets.sealed` holds once opened in a version 2 file: passwords and SSH keys, each by
 * credential ref. Keys are checked one by one (bundleKeySchema) so a bad one is named by its ref.
 */
export const bundleSealedSchema = z
  .object({
    passwords: bundlePasswordsSchema.default({}),
    keys: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

/** Secret custom field values by owner ref, then by field name; each checked on its own. */
const sealedFieldValuesSchema = z.record(z.string(), z.record(z.string(), z.unknown())).default({});

/**
 * What `secrets.sealed` holds once opened in a version 3 file: version 2's, and the values of the
 * secret custom fields of devices and credentials (refs of the two kinds are separate spaces).
 */
export const bundleSealedV3Schema = bundleSealedSchema
  .extend({
    customFields: z
      .object({ devices: sealedFieldValuesSchema, credentials: sealedFieldValuesSchema })
      .strict()
      .default({ devices: {}, credentials: {} }),
  })
  .strict();

/** A secret custom field's value as the form checks it (custom-fields.ts); empty is checked apart. */
export const bundleSecretFieldValueSchema = customFieldInputSchema.shape.value;

/**
 * The file's outer shape. Items stay `unknown` here: each is checked on its own so that every
 * problem is reported with its index (`credentials[12].username`), not only the first.
 */
export const bundleSchema = z
  .object({
    format: z.literal(bundleFormat),
    version: z.literal(bundleVersions),
    exportedAt: z.string().max(64).optional(),
    devices: z.array(z.unknown()).default([]),
    templates: z.array(z.unknown()).default([]),
    builtInTemplates: z.array(z.unknown()).default([]),
    credentials: z.array(z.unknown()).default([]),
    /** Present only when the export included secrets: sealed passwords, keys and secret custom fields. */
    secrets: z.unknown().optional(),
  })
  .strict();

/** The file as an export writes it. */
export interface Bundle {
  format: typeof bundleFormat;
  version: typeof bundleVersion;
  exportedAt: string;
  devices: BundleDevice[];
  templates: BundleTemplate[];
  builtInTemplates: BundleBuiltInTemplate[];
  credentials: BundleCredential[];
  secrets: BundleSecrets | null;
}
export type BundleDevice = z.output<typeof bundleDeviceSchema>;
export type BundleTemplate = z.output<typeof bundleTemplateSchema>;
export type BundleBuiltInTemplate = z.output<typeof bundleBuiltInTemplateSchema>;
export type BundleCredential = z.output<typeof bundleCredentialSchema>;
