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

/** How many characters of a passphrase are not spaces (nor other white space). */
export const nonSpaceLength = (passphrase: string): number => passphrase.replace(/\s/gu, '').length;

/**
 * A new passphrase (the master passphrase, a bundle's): at least 10 characters, and at least 10 that
 * are not spaces, so an only-spaces or mostly-spaces passphrase is refused. Spaces inside are
 * allowed and kept: what the user typed is never trimmed.
 */
export const passphraseSchema = z
  .string()
  .min(minPassphraseLength, `At least ${minPassphraseLength} characters`)
  .max(1024, 'At most 1024 characters')
  .refine(
    (p) => p.length < minPassphraseLength || nonSpaceLength(p) >= minPassphraseLength,
    `At least ${minPassphraseLength} characters that are not spaces`,
  );

/**
 * The refusal of an attempt made while wrong passphrases still make the next one wait, worded once
 * for the core and read back by the Unlock screen, which counts the wait down.
 */
export const unlockWaitMessage = (seconds: number): string =>
  `Too many wrong passphrases: try again in ${seconds} s`;
export const unlockWaitSeconds = (message: string): number | undefined => {
  const match = /^Too many wrong passphrases: try again in (\d+) s$/.exec(message);
  return match?.[1] === undefined ? undefined : Number(match[1]);
};
