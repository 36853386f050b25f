import { z } from 'zod';

const sealedSchema = z.object({ iv: z.string(), tag: z.string(), ct: z.string() });

/**
 * vault.json: a random data key wrapped by a key-encryption key (from the passphrase via scrypt,
 * or by the OS keyring), and every secret sealed with the data key. Changing how the data key is
 * protected never re-encrypts the secrets.
 */
export const vaultFileSchema = z.object({
  format: z.literal(1),
  keySource: z.enum(['passphrase', 'safe-storage']),
  kdf: z
    .object({
      name: z.literal('scrypt'),
      salt: z.string(),
      N: z.number().int(),
      r: z.number().int(),
      p: z.number().int(),
    })
    .optional(),
  /** The data key sealed with the passphrase-derived key (keySource passphrase). */
  wrappedKey: sealedSchema.optional(),
  /** The data key encrypted by the OS keyring, base64 (keySource safe-storage). */
  osWrappedKey: z.string().optional(),
  entries: z.record(z.string(), sealedSchema),
});
export type VaultFile = z.infer<typeof vaultFileSchema>;

/** Additional data for the wrapped key, so it cannot be mistaken for an entry. */
export const wrappedKeyAad = 'vault:data-key';
export const entryAad = (ref: string) => `vault:entry:${ref}`;
