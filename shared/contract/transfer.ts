import { z } from 'zod';
import { passphraseSchema } from '../domain/vault';
import { defineMethods } from './define';

/** The largest bundle an import reads, in characters (the renderer checks it before sending). */
export const maxBundleChars = 64 * 1024 * 1024;
export const bundleTooLargeMessage = 'The file is larger than 64 MiB: split the bundle';

export const transferProblemSchema = z.object({
  /** Where in the file, e.g. `credentials[3].jitRefs.enableTemplateRef`. */
  path: z.string(),
  message: z.string(),
});

export const transferMethods = defineMethods({
  'transfer.export': {
    summary:
      'A JSON bundle of devices, templates and credentials. Passwords and SSH keys only with a passphrase, encrypted with it.',
    input: z.object({
      includePasswords: z.boolean(),
      /** A new passphrase: the rule of the master passphrase (shared/domain/vault.ts). */
      passphrase: passphraseSchema.optional(),
    }),
    output: z.object({ fileName: z.string(), content: z.string() }),
  },
  'transfer.import': {
    summary: 'Check a bundle first, then apply all of it or nothing',
    input: z.object({
      content: z.string().max(maxBundleChars, bundleTooLargeMessage),
      passphrase: z.string().max(1024).optional(),
    }),
    output: z.discriminatedUnion('applied', [
      z.object({
        applied: z.literal(true),
        devices: z.number().int(),
        templates: z.number().int(),
        credentials: z.number().int(),
        /** Passwords and SSH keys stored in the vault. */
        passwords: z.number().int(),
        keys: z.number().int(),
        /** Credentials (`user @ device`) whose SSH key was not exported: to add by hand. */
        keysLeftOut: z.array(z.string()),
      }),
      z.object({ applied: z.literal(false), problems: z.array(transferProblemSchema) }),
    ]),
  },
});
