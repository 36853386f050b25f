import { readFileSync, statSync } from 'node:fs';
import type { VaultService } from './vault-service';

/**
 * `--passphrase-file FILE`, for automation: sets the vault up on first start, unlocks it after.
 * Only the first line counts (a trailing newline from `echo` is not part of the passphrase).
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
    passphrase = (readFileSync(path, 'utf8').split(/\r?\n/)[0] ?? '').trimEnd();
  } catch (error) {
    return `The passphrase file ${path} could not be read (${error instanceof Error ? error.message : 'error'}).`;
  }
  try {
    const { state } = vault.status();
    if (state === 'uninitialized') await vault.setup(passphrase, actor);
    else if (state === 'locked') await vault.unlock(passphrase, actor);
    return undefined;
  } catch (error) {
    return `The passphrase in ${path} did not unlock the vault: ${error instanceof Error ? error.message : 'error'}.`;
  }
}
