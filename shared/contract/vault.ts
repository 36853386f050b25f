import { z } from 'zod';
import { passphraseSchema, vaultStatusSchema } from '../domain/vault';
import { defineEvents, defineMethods } from './define';

export const vaultMethods = defineMethods({
  'vault.status': {
    summary: 'Whether the vault is set up and unlocked',
    input: z.undefined(),
    output: vaultStatusSchema,
  },
  'vault.setup': {
    summary: 'First start: set the master passphrase (when no OS keyring protects the key)',
    input: z.object({ passphrase: passphraseSchema }),
    output: vaultStatusSchema,
  },
  'vault.unlock': {
    summary: 'Unlock with the master passphrase',
    input: z.object({ passphrase: z.string().min(1, 'Required').max(1024) }),
    output: vaultStatusSchema,
  },
  'vault.changePassphrase': {
    summary: 'A new master passphrase (the current one is asked again); the data key is wrapped again',
    input: z.object({ current: z.string().min(1, 'Required').max(1024), next: passphraseSchema }),
    output: vaultStatusSchema,
  },
  'vault.lock': {
    summary: 'Forget the key until the next unlock',
    input: z.undefined(),
    output: vaultStatusSchema,
  },
  'vault.activity': {
    summary: 'The user typed, clicked or scrolled in a window: the idle auto-lock starts its countdown again',
    input: z.undefined(),
    output: z.object({}),
  },
});

/**
 * The idle auto-lock is near: `secondsLeft` until it locks, or null once activity put it off. Every
 * window shows (or hides) its warning: activity in any window keeps the vault open for all.
 */
export const idleWarningSchema = z.object({
  secondsLeft: z.number().int().positive().max(60).nullable(),
});
export type IdleWarning = z.infer<typeof idleWarningSchema>;

export const vaultEvents = defineEvents({
  'vault.changed': vaultStatusSchema,
  'vault.idleWarning': idleWarningSchema,
});
