import { z } from 'zod';
import { idSchema, isoDateSchema, plainText, storedText, tagsSchema } from './common';
import { customFieldViewsSchema, customFieldsInputSchema } from './custom-fields';
import { jitTypeSchema } from './jit';
import { pluginIdSchema } from './plugin';

export const credentialTypes = ['Local user', 'Local administrator', 'Domain user'] as const;
export const credentialTypeSchema = z.enum(credentialTypes);

export const credentialStatuses = ['Active', 'Inactive'] as const;
export const credentialStatusSchema = z.enum(credentialStatuses);

export const maxPasswordLength = 256;

/**
 * Why a password or passphrase cannot be kept, or undefined: a NUL (every protocol and C string
 * would cut the password there, and the tag engine refuses it at run time) or half of a UTF-16
 * pair (it would reach the target as U+FFFD, a different password). Beyond that a password may
 * hold anything, control characters included: generators and other vaults make such passwords.
 */
export function secretTextProblem(value: string, label: string): string | undefined {
  if (value.includes('\u0000')) return `${label} contains a NUL character, which no target can receive`;
  if (/\p{Cs}/u.test(value)) return `${label} contains half of a character (a lone UTF-16 surrogate)`;
  return undefined;
}

/** A password or passphrase of at most maxPasswordLength characters, see secretTextProblem. */
const secretTextSchema = (label: string) =>
  z
    .string()
    .max(maxPasswordLength, `At most ${maxPasswordLength} characters`)
    .superRefine((s, ctx) => {
      const problem = secretTextProblem(s, label);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    });

/** A password as a form or an import gives it: 1 to maxPasswordLength characters. */
export const passwordValueSchema = secretTextSchema('The password').min(1, 'Required');
/** An OpenSSH or PEM private key as text: an RSA-8192 key with its comments fits with room to spare. */
export const maxPrivateKeyLength = 16384;

/**
 * The JIT Settings tab. Both sections' choices are kept (switching the type back restores them),
 * but only the chosen type's section is validated and used.
 */
export const credentialJitSchema = z.object({
  enabled: z.boolean().default(false),
  type: jitTypeSchema.nullable().default(null),
  useOwnCredential: z.boolean().default(false),
  authCredentialId: idSchema.nullable().default(null),
  enablePluginId: pluginIdSchema.nullable().default(null),
  enableTemplateId: idSchema.nullable().default(null),
  disablePluginId: pluginIdSchema.nullable().default(null),
  disableTemplateId: idSchema.nullable().default(null),
  createPluginId: pluginIdSchema.nullable().default(null),
  createTemplateId: idSchema.nullable().default(null),
  deletePluginId: pluginIdSchema.nullable().default(null),
  deleteTemplateId: idSchema.nullable().default(null),
});
export type CredentialJit = z.infer<typeof credentialJitSchema>;
export const defaultJit: CredentialJit = credentialJitSchema.parse({});

/** A user name: printable, no spaces at either end (domains use DOMAIN\user or user@domain). */
export const usernameSchema = plainText(128, 'Username')
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'Required'));

/** The Information tab (password excepted: it travels separately, see passwordChangeSchema). */
export const credentialInputSchema = z.object({
  username: usernameSchema,
  type: credentialTypeSchema,
  deviceId: idSchema,
  domain: plainText(128, 'Domain').default(''),
  additionalInfo: plainText(256, 'Additional information').default(''),
  status: credentialStatusSchema.default('Active'),
  tags: tagsSchema.default([]),
  jit: credentialJitSchema.default(defaultJit),
  /** Values for the user-defined tags of templates; secret ones: empty keeps the stored value. */
  customFields: customFieldsInputSchema,
});
export type CredentialInput = z.input<typeof credentialInputSchema>;
export type CredentialFields = z.output<typeof credentialInputSchema>;

/**
 * What Save does with the password. The renderer may send a password it was typed, but never
 * receives one back: `generate` makes the core create one by the password policy.
 */
export const passwordChangeSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('keep') }),
  z.object({ action: z.literal('set'), value: passwordValueSchema }),
  z.object({ action: z.literal('generate') }),
  z.object({ action: z.literal('clear') }),
]);
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

/**
 * What Save does with the SSH private key (and its passphrase), like the password: the renderer
 * may send a key it was given, but only ever learns whether one is stored (`hasKey`).
 */
export const keyChangeSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('keep') }),
  z.object({
    action: z.literal('set'),
    privateKey: z
      .string()
      .min(1, 'Required')
      .max(maxPrivateKeyLength, `At most ${maxPrivateKeyLength} characters`),
    passphrase: secretTextSchema('The passphrase').default(''),
  }),
  z.object({ action: z.literal('clear') }),
]);
export type KeyChange = z.output<typeof keyChangeSchema>;
export type KeyChangeInput = z.input<typeof keyChangeSchema>;

/**
 * A credential as the renderer sees it: never its password, only whether it has one. Its texts
 * are read by the rule older builds saved with (see `storedText`), so that none is set aside.
 */
export const credentialSchema = credentialInputSchema.extend({
  username: storedText(128),
  domain: storedText(128).default(''),
  additionalInfo: storedText(256).default(''),
  id: idSchema,
  hasPassword: z.boolean(),
  /** An SSH private key is stored (sealed in the vault like the password). */
  hasKey: z.boolean().default(false),
  deleted: z.boolean(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
  lastUsedAt: isoDateSchema.nullable(),
  /** Secret fields carry an empty value (theirs is in the vault) and whether the vault holds one. */
  customFields: customFieldViewsSchema,
});
export type Credential = z.infer<typeof credentialSchema>;

/** Session status shown in the list; sessions arrive with the lifecycle work. */
export const sessionStatuses = ['None', 'Provisioning', 'Active', 'Ending', 'Needs attention'] as const;
export const sessionStatusSchema = z.enum(sessionStatuses);
