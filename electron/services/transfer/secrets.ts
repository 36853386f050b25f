import type { BundleSecrets } from '../../../shared/domain/bundle';
import { bundlePasswordsSchema } from '../../../shared/domain/bundle';
import { deriveKey, newScryptParams, open, seal, type ScryptParams } from '../../vault/crypto';

/** scrypt's cost without the salt (tests pass a cheap one; exports use the vault's default). */
export type ScryptCost = Omit<ScryptParams, 'salt'>;

/** Binds the ciphertext to its role: it cannot be passed off as another of our sealed blobs. */
const secretsAad = 'jit-pam-bundle/1/secrets';

/**
 * Seals the bundle's passwords (credential ref → password) with a key derived from the passphrase
 * the user typed: scrypt, then AES-256-GCM (the vault's own primitives). The derived key is wiped
 * once used; the plaintext JSON buffer too.
 */
export async function sealPasswords(
  passwords: Readonly<Record<string, string>>,
  passphrase: string,
  cost?: ScryptCost,
): Promise<BundleSecrets> {
  const params = newScryptParams(cost);
  const key = await deriveKey(passphrase, params);
  const plaintext = Buffer.from(JSON.stringify(passwords), 'utf8');
  try {
    return { kdf: { name: 'scrypt', ...params }, sealed: seal(key, plaintext, secretsAad) };
  } finally {
    key.fill(0);
    plaintext.fill(0);
  }
}

export type OpenedPasswords =
  | { readonly ok: true; readonly passwords: ReadonlyMap<string, string> }
  /** GCM refused it: a wrong passphrase, or an altered file (the two cannot be told apart). */
  | { readonly ok: false; readonly reason: 'wrong_passphrase' | 'malformed' };

export async function openPasswords(secrets: BundleSecrets, passphrase: string): Promise<OpenedPasswords> {
  const key = await deriveKey(passphrase, secrets.kdf);
  let plaintext: Buffer;
  try {
    plaintext = open(key, secrets.sealed, secretsAad);
  } catch {
    return { ok: false, reason: 'wrong_passphrase' };
  } finally {
    key.fill(0);
  }
  try {
    const parsed = bundlePasswordsSchema.safeParse(JSON.parse(plaintext.toString('utf8')));
    return parsed.success
      ? { ok: true, passwords: new Map(Object.entries(parsed.data)) }
      : { ok: false, reason: 'malformed' };
  } catch {
    return { ok: false, reason: 'malformed' };
  } finally {
    plaintext.fill(0);
  }
}
