import type { BundleKey, BundleSecrets, BundleVersion } from '../../../shared/domain/bundle';
import { bundlePasswordsSchema, bundleSealedSchema } from '../../../shared/domain/bundle';
import { deriveKey, newScryptParams, open, seal, type ScryptParams } from '../../vault/crypto';

/** scrypt's cost without the salt (tests pass a cheap one; exports use the vault's default). */
export type ScryptCost = Omit<ScryptParams, 'salt'>;

/**
 * Binds the ciphertext to its role and to the file's version: it cannot be passed off as another
 * of our sealed blobs, nor a version 2 blob (passwords and keys) as a version 1 one (passwords).
 */
const secretsAad: Record<BundleVersion, string> = {
  1: 'jit-pam-bundle/1/secrets',
  2: 'jit-pam-bundle/2/secrets',
};

/** What an export seals: passwords and SSH keys, each by credential ref. */
export interface SecretValues {
  readonly passwords: Readonly<Record<string, string>>;
  readonly keys: Readonly<Record<string, BundleKey>>;
}

/**
 * Seals the bundle's passwords and keys with a key derived from the passphrase the user typed:
 * scrypt, then AES-256-GCM (the vault's own primitives). The derived key is wiped once used; the
 * plaintext JSON buffer too.
 */
export async function sealSecrets(
  values: SecretValues,
  passphrase: string,
  cost?: ScryptCost,
): Promise<BundleSecrets> {
  const params = newScryptParams(cost);
  const key = await deriveKey(passphrase, params);
  const plaintext = Buffer.from(JSON.stringify({ passwords: values.passwords, keys: values.keys }), 'utf8');
  try {
    return { kdf: { name: 'scrypt', ...params }, sealed: seal(key, plaintext, secretsAad[2]) };
  } finally {
    key.fill(0);
    plaintext.fill(0);
  }
}

/** Passwords only (no keys), for callers that build bundles of their own (the bench seed). */
export const sealPasswords = (
  passwords: Readonly<Record<string, string>>,
  passphrase: string,
  cost?: ScryptCost,
): Promise<BundleSecrets> => sealSecrets({ passwords, keys: {} }, passphrase, cost);

export type OpenedSecrets =
  | {
      readonly ok: true;
      readonly passwords: ReadonlyMap<string, string>;
      /** Not checked yet: check.ts checks each, so that a bad one is named by its credential. */
      readonly keys: ReadonlyMap<string, unknown>;
    }
  /** GCM refused it: a wrong passphrase, or an altered file (the two cannot be told apart). */
  | { readonly ok: false; readonly reason: 'wrong_passphrase' | 'malformed' };

export async function openSecrets(
  secrets: BundleSecrets,
  passphrase: string,
  version: BundleVersion,
): Promise<OpenedSecrets> {
  const key = await deriveKey(passphrase, secrets.kdf);
  let plaintext: Buffer;
  try {
    plaintext = open(key, secrets.sealed, secretsAad[version]);
  } catch {
    return { ok: false, reason: 'wrong_passphrase' };
  } finally {
    key.fill(0);
  }
  try {
    const json: unknown = JSON.parse(plaintext.toString('utf8'));
    if (version === 1) {
      const parsed = bundlePasswordsSchema.safeParse(json);
      return parsed.success
        ? { ok: true, passwords: new Map(Object.entries(parsed.data)), keys: new Map() }
        : { ok: false, reason: 'malformed' };
    }
    const parsed = bundleSealedSchema.safeParse(json);
    return parsed.success
      ? {
          ok: true,
          passwords: new Map(Object.entries(parsed.data.passwords)),
          keys: new Map(Object.entries(parsed.data.keys)),
        }
      : { ok: false, reason: 'malformed' };
  } catch {
    return { ok: false, reason: 'malformed' };
  } finally {
    plaintext.fill(0);
  }
}
