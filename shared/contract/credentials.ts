import { z } from 'zod';
import { idSchema, isoDateSchema, sortDirectionSchema, tagSchema } from '../domain/common';
import {
  credentialInputSchema,
  credentialSchema,
  credentialStatusSchema,
  credentialTypeSchema,
  keyChangeSchema,
  passwordChangeSchema,
  passwordValueSchema,
  sessionStatusSchema,
} from '../domain/credential';
import { auditEntrySchema } from '../domain/audit';
import { deviceTypeSchema, protocolSchema } from '../domain/device';
import { pluginIdSchema } from '../domain/plugin';
import { defineEvents, defineMethods } from './define';

export const credentialSortFields = [
  'id',
  'type',
  'jit',
  'username',
  'additionalInfo',
  'domain',
  'lastUsedAt',
  'sessionStatus',
] as const;

export const credentialFilterSchema = z.object({
  username: z.string().max(128).optional(),
  /** Matches the device's name or address. */
  device: z.string().max(253).optional(),
  jit: z.enum(['yes', 'no']).optional(),
  status: credentialStatusSchema.optional(),
  type: credentialTypeSchema.optional(),
  tags: z.array(tagSchema).max(20).optional(),
});
export type CredentialFilter = z.infer<typeof credentialFilterSchema>;

export const credentialQuerySchema = z.object({
  filter: credentialFilterSchema.default({}),
  /** Credentials > Just In Time: only JIT credentials, whatever the filter says. */
  jitOnly: z.boolean().default(false),
  sort: z
    .object({ field: z.enum(credentialSortFields), direction: sortDirectionSchema })
    .default({ field: 'id', direction: 'asc' }),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type CredentialQuery = z.input<typeof credentialQuerySchema>;

/** The device columns of a list group header. */
export const deviceSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  address: z.string(),
  type: deviceTypeSchema,
  vendor: z.string(),
  site: z.string(),
  active: z.boolean(),
  /** The protocols the device lists: whether a credential without JIT can start a plain session. */
  protocols: z.array(protocolSchema).optional(),
});

export const credentialRowSchema = credentialSchema.extend({
  sessionStatus: sessionStatusSchema,
});
export type CredentialRow = z.infer<typeof credentialRowSchema>;

export const credentialPageSchema = z.object({
  /** Matching credentials in all pages. */
  total: z.number().int().min(0),
  /** Rows of this page, ordered by device group, then by the chosen sort within a device. */
  rows: z.array(credentialRowSchema),
  /** The devices the rows belong to, for the group headers. */
  devices: z.array(deviceSummarySchema),
});
export type CredentialPage = z.infer<typeof credentialPageSchema>;

/** A short form for drop-downs and the form's rule checks (the authentication credential). */
export const credentialOptionSchema = z.object({
  id: idSchema,
  username: z.string(),
  deviceId: idSchema,
  deviceName: z.string(),
  status: credentialStatusSchema,
  hasPassword: z.boolean(),
  /** An SSH private key is stored: it can log in with it too (absent: none). */
  hasKey: z.boolean().optional(),
  deleted: z.boolean(),
});
export type CredentialOption = z.infer<typeof credentialOptionSchema>;

/** The most `ids` one call may name, and the largest page of matches. */
export const maxCredentialOptionIds = 50;
export const maxCredentialOptionsLimit = 200;

/**
 * A searched, bounded look-up for drop-downs: never every credential (10,000 of them would be
 * about 1 MB per keystroke).
 */
export const credentialOptionsQuerySchema = z
  .object({
    /** Matched case-insensitively against the user name and the device name. */
    search: z.string().trim().max(100).optional(),
    /** Only this device's credentials. */
    deviceId: idSchema.optional(),
    /** This device's matches come before the others (a JIT credential's own device). */
    preferDeviceId: idSchema.optional(),
    /** Never these, nor counted in `total` (the credential being edited, which cannot be its own choice). */
    exceptIds: z.array(idSchema).max(maxCredentialOptionIds).optional(),
    /** Returned first whenever they exist (deleted or not, matching or not): a form's current choice. */
    ids: z.array(idSchema).max(maxCredentialOptionIds).optional(),
    includeDeleted: z.boolean().default(false),
    /** Only credentials that can log in for a run: active, not deleted, with a password or a key. */
    usable: z.boolean().default(false),
    limit: z.number().int().min(1).max(maxCredentialOptionsLimit).default(50),
  })
  .strict();
export type CredentialOptionsQuery = z.input<typeof credentialOptionsQuerySchema>;

export const credentialOptionsSchema = z.object({
  /** How many credentials match, before the limit (the `ids` count only when they match). */
  total: z.number().int().min(0),
  /**
   * The `ids` first, then the first `limit` other matches (those of `preferDeviceId` first); each
   * part by device name, then user name, then id, and no credential twice.
   */
  rows: z.array(credentialOptionSchema),
});
export type CredentialOptions = z.infer<typeof credentialOptionsSchema>;

/** A credential in a short list: `username @ device`. */
export const credentialRefSchema = z.object({ id: idSchema, label: z.string() });

/**
 * What the form needs to warn before a stored password is changed, and to offer changing it on the
 * device first: the JIT credentials it authenticates (their next sessions would fail), the
 * password-change templates that can run on its device, and who can run them.
 */
export const passwordChangePlanSchema = z.object({
  deviceName: z.string(),
  deviceAddress: z.string(),
  /** JIT credentials that connect with this credential to run their templates. */
  authenticates: z.array(credentialRefSchema),
  /** Active "Password change" templates of the plugins the device has a port for; built-ins first. */
  templates: z.array(
    z.object({ id: idSchema, name: z.string(), pluginId: pluginIdSchema, builtIn: z.boolean() }),
  ),
  /** Credentials that can connect to run the template: this one (with its current password) first. */
  runAs: z.array(credentialRefSchema.extend({ self: z.boolean() })),
  /** The suggested choices: the first template; the JIT authentication credential, else this one. */
  templateId: idSchema.nullable(),
  runAsCredentialId: idSchema.nullable(),
});
export type PasswordChangePlan = z.infer<typeof passwordChangePlanSchema>;

export const changePasswordInputSchema = z.object({
  id: idSchema,
  /** The new password: typed, or generated by the core by the password policy. */
  password: z.discriminatedUnion('action', [
    z.object({ action: z.literal('set'), value: passwordValueSchema }),
    z.object({ action: z.literal('generate') }),
  ]),
  templateId: idSchema,
  runAsCredentialId: idSchema,
  /** The `updatedAt` the form loaded (or its own save returned): refused if changed since. */
  expectedUpdatedAt: isoDateSchema.optional(),
});

export const changePasswordOutcomeSchema = z.discriminatedUnion('changed', [
  /** The template ran successfully; the new password is stored. */
  z.object({ changed: z.literal(true), operationId: z.string(), credential: credentialSchema }),
  /** The run failed: the vault keeps the old password; `operationId` is its log, when it started. */
  z.object({ changed: z.literal(false), operationId: z.string().nullable(), message: z.string() }),
]);
export type ChangePasswordOutcome = z.infer<typeof changePasswordOutcomeSchema>;

export const credentialsMethods = defineMethods({
  'credentials.list': {
    summary: 'One page of credentials, filtered and sorted by the core',
    input: credentialQuerySchema,
    output: credentialPageSchema,
  },
  'credentials.options': {
    summary: 'Credentials in short form matching a search, bounded, for drop-downs and rule checks in forms',
    input: credentialOptionsQuerySchema,
    output: credentialOptionsSchema,
  },
  'credentials.get': {
    summary: 'One credential, without its password',
    input: z.object({ id: idSchema }),
    output: credentialSchema,
  },
  'credentials.save': {
    summary: 'Create (no id) or update a credential; checks every rule before writing anything',
    input: z.object({
      id: idSchema.optional(),
      credential: credentialInputSchema,
      password: passwordChangeSchema,
      /** The SSH private key (and its passphrase): kept when absent. */
      key: keyChangeSchema.optional(),
      /** The `updatedAt` the form loaded: the save is refused if the credential changed since. */
      expectedUpdatedAt: isoDateSchema.optional(),
    }),
    output: credentialSchema,
  },
  'credentials.delete': {
    summary: 'Soft delete: the credential is deactivated and kept for audit',
    input: z.object({ id: idSchema }),
    output: credentialSchema,
  },
  'credentials.revealPassword': {
    summary: 'The one audited way a password reaches the screen',
    input: z.object({ id: idSchema }),
    output: z.object({ password: z.string() }),
  },
  'credentials.history': {
    summary: "The credential's audit entries, newest first",
    input: z.object({ id: idSchema }),
    output: z.array(auditEntrySchema),
  },
  'credentials.exportCsv': {
    summary: 'The filtered list as CSV (no passwords)',
    input: credentialQuerySchema.omit({ offset: true, limit: true }),
    output: z.object({ csv: z.string(), count: z.number().int() }),
  },
});

/** Changing a stored password on the device first (electron/operations/password-change.ts). */
export const passwordChangeMethods = defineMethods({
  'credentials.passwordChangePlan': {
    summary: 'Before a stored password changes: who depends on it, and how to change it on the device',
    input: z.object({ id: idSchema }),
    output: passwordChangePlanSchema,
  },
  'credentials.changePassword': {
    summary:
      'Changes the password on the device through a "Password change" template (an operation), then stores it; nothing is stored if the run fails',
    input: changePasswordInputSchema,
    output: changePasswordOutcomeSchema,
  },
});

export const credentialsEvents = defineEvents({
  'credentials.changed': z.object({ ids: z.array(idSchema) }),
});
