import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveKey, keyBytes, newScryptParams, seal } from '../../../electron/vault/crypto';
import { wrappedKeyAad, type VaultFile } from '../../../electron/vault/vault-file';

/**
 * scrypt's cost for the e2e data directories only: N=2^12 instead of the product's 2^17 (about 4 MiB
 * and a few ms instead of 128 MiB and half a second, twice per test on a loaded CI machine).
 */
const e2eScrypt = { N: 2 ** 12, r: 8, p: 1 } as const;

/**
 * Writes the vault.json a first `--passphrase-file` start would write, with the same primitives
 * (electron/vault/crypto.ts), but at the lower e2e cost. This is honest because vault.json records
 * its own scrypt cost and the app unlocks with what the file says: every start of the app under
 * test then unlocks it with the passphrase file as usual. The product's default cost is untouched
 * (a vault set up by the app, as vault.spec.ts does on its Set passphrase screen, uses it).
 */
export async function seedVault(dataDir: string, passphrase: string): Promise<void> {
  const kdf = newScryptParams(e2eScrypt);
  const kek = await deriveKey(passphrase, kdf);
  const file: VaultFile = {
    format: 1,
    keySource: 'passphrase',
    kdf: { name: 'scrypt', ...kdf },
    wrappedKey: seal(kek, randomBytes(keyBytes), wrappedKeyAad),
    entries: {},
  };
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dataDir, 'vault.json'), JSON.stringify(file), { mode: 0o600 });
}
