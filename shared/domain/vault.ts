import { z } from 'zod';

export const vaultStates = ['uninitialized', 'locked', 'unlocked'] as const;

/**
 * Where the vault key comes from: the OS keyring through Electron's safeStorage when a real one is
 * present, else a master passphrase the user types.
 */
export const vaultKeySources = ['safe-storage', 'passphrase'] as const;

export const vaultStatusSchema = z.object({
  state: z.enum(vaultStates),
  keySource: z.enum(vaultKeySources),
});
export type VaultStatus = z.infer<typeof vaultStatusSchema>;

export const minPassphraseLength = 10;
export const passphraseSchema = z
  .string()
  .min(minPassphraseLength, `At least ${minPassphraseLength} characters`)
  .max(1024, 'At most 1024 characters');
