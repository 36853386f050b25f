import type { vaultMethods } from '../../../shared/contract/vault';
import { fail, ok } from '../../../shared/result';
import {
  PassphraseRuleError,
  UnlockThrottledError,
  VaultStateError,
  WrongPassphraseError,
  type VaultService,
} from '../../vault/vault-service';
import type { DomainHandlers } from '../handler-types';

/** What `vault.activity` touches: the idle auto-lock's countdown (electron/vault/idle-lock.ts). */
export interface IdleActivity {
  activity(): void;
}

export const vaultHandlers = (
  vault: VaultService,
  idle: IdleActivity,
): DomainHandlers<typeof vaultMethods> => ({
  'vault.status': () => Promise.resolve(ok(vault.status())),
  'vault.setup': async ({ passphrase }, ctx) => {
    try {
      return ok(await vault.setup(passphrase, ctx.actor));
    } catch (error) {
      if (error instanceof VaultStateError) return fail('conflict', error.message);
      throw error;
    }
  },
  'vault.unlock': async ({ passphrase }, ctx) => {
    try {
      return ok(await vault.unlock(passphrase, ctx.actor));
    } catch (error) {
      if (error instanceof WrongPassphraseError)
        return fail('invalid_input', 'Wrong passphrase', 'passphrase');
      if (error instanceof UnlockThrottledError) return fail('invalid_input', error.message, 'passphrase');
      if (error instanceof VaultStateError) return fail('conflict', error.message);
      throw error;
    }
  },
  'vault.changePassphrase': async ({ current, next }, ctx) => {
    try {
      return ok(await vault.changePassphrase(current, next, ctx.actor));
    } catch (error) {
      if (error instanceof WrongPassphraseError) return fail('invalid_input', 'Wrong passphrase', 'current');
      if (error instanceof UnlockThrottledError) return fail('invalid_input', error.message, 'current');
      if (error instanceof PassphraseRuleError) return fail('invalid_input', error.message, 'next');
      if (error instanceof VaultStateError) return fail('conflict', error.message);
      throw error;
    }
  },
  'vault.lock': async (_input, ctx) => {
    try {
      return ok(await vault.lock(ctx.actor));
    } catch (error) {
      if (error instanceof VaultStateError) return fail('conflict', error.message);
      throw error;
    }
  },
  // User input in a window, reported at most every 30 s per window: neither audited nor logged, since
  // it says only that someone is at the keyboard (the dispatcher counts the call itself too).
  'vault.activity': () => {
    idle.activity();
    return Promise.resolve(ok({}));
  },
});
