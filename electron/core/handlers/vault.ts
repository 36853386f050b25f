import type { vaultMethods } from '../../../shared/contract/vault';
import { fail, ok } from '../../../shared/result';
import { VaultStateError, WrongPassphraseError, type VaultService } from '../../vault/vault-service';
import type { DomainHandlers } from '../handler-types';

export const vaultHandlers = (vault: VaultService): DomainHandlers<typeof vaultMethods> => ({
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
});
