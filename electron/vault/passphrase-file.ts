import { readFileSync, statSync } from 'node:fs';
import type { VaultService } from './vault-service';

/**
 * `--passphrase-file FILE`, for automation: sets the vault up on first start, unlocks it after.
 * Only the first line counts, without its line ending (`echo` adds one), and nothing else is
 * trimmed: the passphrase is exactly what the set-up and unlock screens would have to be given.
 * A new passphrase follows the screens' rules too (VaultService.setup checks them).
 * Returns a message for the user when it could not be used; never echoes the passphrase.
 */
export async function unlockWithPassphraseFile(
  vault: VaultService,
  path: string,
  actor: string,
): Promise<string | undefined> {
  let passphrase: string;
  try {
    const mode = statSync(path).mode;
    if ((mode & 0o077) !== 0) {
      console.warn(`Warning: ${path} is readable by other users; chmod 600 it.`);
    }
    passphrase = readFileSync(path, 'utf8').split(/\r?\n/)[0] ?? '';
  } catch (error) {
    return `The passphrase file ${path} could not be read (${error instanceof Error ? error.message : 'error'}).`;
  }
  const { state } = vault.status();
  try {
    if (state === 'uninitialized') await vault.setup(passphrase, actor);
    else if (state === 'locked') await vault.unlock(passphrase, actor);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'error';
    return state === 'uninitialized'
      ? `The passphrase in ${path} cannot set up the vault: ${reason}. Nothing was set up.`
      : `The passphrase in ${path} did not unlock the vault: ${reason}.`;
  }
}
