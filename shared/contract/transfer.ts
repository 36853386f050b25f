import { z } from 'zod';
import { clashKindSchema, importChoiceSchema } from '../domain/import-clash';
import { pluginIdSchema } from '../domain/plugin';
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

const bundleInput = {
  content: z.string().max(maxBundleChars, bundleTooLargeMessage),
  passphrase: z.string().max(1024).optional(),
};

/** A bundle item the import would add under a name already taken here, and what else it concerns. */
export const importClashSchema = z.object({
  kind: clashKindSchema,
  /** The item's place in the file (`devices[2]`): what its choice names. */
  path: z.string(),
  name: z.string(),
  /** For a template: its plugin (names are unique per plugin). */
  pluginId: pluginIdSchema.optional(),
  /** The first free name: Rename's proposal. */
  proposed: z.string(),
  /**
   * For a device: the bundle's credentials on it (`user @ device`) that already exist on the
   * device of that name here. Skip attaches the device's credentials to the existing device; these
   * are then skipped too (the existing credential stays, with its password).
   */
  existingCredentials: z.array(z.string()),
});

export const transferMethods = defineMethods({
  'transfer.export': {
    summary:
      'A JSON bundle of devices, templates and credentials. Passwords, SSH keys and secret custom field values only with a passphrase, encrypted with it.',
    input: z.object({
      includePasswords: z.boolean(),
      /** A new passphrase: the rule of the master passphrase (shared/domain/vault.ts). */
      passphrase: passphraseSchema.optional(),
    }),
    output: z.object({ fileName: z.string(), content: z.string() }),
  },
  'transfer.preview': {
    summary: 'Read and check a bundle, writing nothing: what it holds and each item whose name is taken here',
    input: z.object(bundleInput),
    output: z.discriminatedUnion('previewed', [
      z.object({
        previewed: z.literal(true),
        /** Names the bundle and this data as previewed: an import with another is refused as stale. */
        token: z.string(),
        devices: z.array(z.string()),
        templates: z.array(z.string()),
        /** `user @ device`. */
        credentials: z.array(z.string()),
        passwords: z.number().int(),
        keys: z.number().int(),
        /** Secret custom field values the bundle holds (sealed with the passwords). */
        secretFields: z.number().int(),
        clashes: z.array(importClashSchema),
        /** Names in use (keys: trimmed, lower-cased), for the live check of a new name. */
        takenDevices: z.array(z.string()),
        /** `pluginId/name key`. */
        takenTemplates: z.array(z.string()),
      }),
      z.object({ previewed: z.literal(false), problems: z.array(transferProblemSchema) }),
    ]),
  },
  'transfer.import': {
    summary:
      'Check a bundle first, then apply all of it or nothing; with a preview, its choice for each clash',
    input: z.object({
      ...bundleInput,
      /** The preview's token and a choice (Skip or Rename) for each of its clashes. */
      preview: z
        .object({ token: z.string().max(256), choices: z.array(importChoiceSchema).max(100_000) })
        .optional(),
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
        /** Secret custom field values stored in the vault. */
        secretFields: z.number().int(),
        /**
         * Secret custom fields the bundle names without a value (`API_KEY of web-01`,
         * `TOKEN of root @ web-01`): imported empty, to set by hand.
         */
        secretFieldsLeftOut: z.array(z.string()),
        /** Items not added, as chosen (a device or template kept as it is here), and why. */
        skipped: z.array(z.string()),
        /** Items added under a new name: `old → new`. */
        renamed: z.array(z.string()),
      }),
      z.object({ applied: z.literal(false), problems: z.array(transferProblemSchema) }),
    ]),
  },
});
