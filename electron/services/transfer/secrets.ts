import type { BundleKey, BundleSecrets, BundleVersion } from '../../../shared/domain/bundle';
import {
  bundlePasswordsSchema,
  bundleSealedSchema,
  bundleSealedV3Schema,
} from '../../../shared/domain/bundle';
import { deriveKey, newScryptParams, open, seal, type ScryptParams } from '../../vault/crypto';

/** scrypt's cost without the salt (tests pass a cheap one; exports use the vault's default). */
export type ScryptCost = Omit<ScryptParams, 'salt'>;

/**
 * Binds the ciphertext to its role and to the file's version: it cannot be passed off as another
 * of our sealed blobs, nor a newer version's blob as an older one's (which would drop what it adds).
 */
const secretsAad: Record<BundleVersion, string> = {
  1: 'jit-pam-bundle/1/secrets',
  2: 'jit-pam-bundle/2/secrets',
  3: 'jit-pam-bundle/3/secrets',
};

/** Secret custom field values by owner ref (`d1`, `c4`), then by field name. */
export type FieldValues = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** What an export seals: passwords and SSH keys by credential ref, secret custom field values. */
export interface SecretValues {
  readonly passwords: Readonly<Record<string, string>>;
  readonly keys: Readonly<Record<string, BundleKey>>;
  /** None when absent (callers that build bundles of their own). */
  readonly customFields?: { readonly devices: FieldValues; readonly credentials: FieldValues };
}

/**
 * Seals the bundle's passwords, keys and secret custom field values with a key derived from the passphrase the user typed:
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
  const sealed = {
    passwords: values.passwords,
    keys: values.keys,
    customFields: values.customFields ?? { devices: {}, credentials: {} },
  };
  const plaintext = Buffer.from(JSON.stringify(sealed), 'utf8');
  try {
    return { kdf: { name: 'scrypt', ...params }, sealed: seal(key, plaintext, secretsAad[3]) };
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

/** Secret custom field values by owner ref, then field name: not checked yet (check.ts does). */
export type OpenedFieldValues = ReadonlyMap<string, ReadonlyMap<string, unknown>>;
export interface OpenedCustomFields {
  readonly devices: OpenedFieldValues;
  readonly credentials: OpenedFieldValues;
}

export type OpenedSecrets =
  | {
      readonly ok: true;
      readonly passwords: ReadonlyMap<string, string>;
      /** Not checked yet: check.ts checks each, so that a bad one is named by its credential. */
      readonly keys: ReadonlyMap<string, unknown>;
      readonly customFields: OpenedCustomFields;
    }
  /** GCM refused it: a wrong passphrase, or an altered file (the two cannot be told apart). */
  | { readonly ok: false; readonly reason: 'wrong_passphrase' | 'malformed' };

/** Versions 1 and 2 carried no secret custom fields. */
const noFields: OpenedCustomFields = { devices: new Map(), credentials: new Map() };

const fieldMaps = (byRef: Record<string, Record<string, unknown>>): OpenedFieldValues =>
  new Map(Object.entries(byRef).map(([ref, values]) => [ref, new Map(Object.entries(values))]));

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
        ? {
            ok: true,
            passwords: new Map(Object.entries(parsed.data)),
            keys: new Map(),
            customFields: noFields,
          }
        : { ok: false, reason: 'malformed' };
    }
    if (version === 2) {
      const parsed = bundleSealedSchema.safeParse(json);
      return parsed.success
        ? {
            ok: true,
            passwords: new Map(Object.entries(parsed.data.passwords)),
            keys: new Map(Object.entries(parsed.data.keys)),
            customFields: noFields,
          }
        : { ok: false, reason: 'malformed' };
    }
    const parsed = bundleSealedV3Schema.safeParse(json);
    return parsed.success
      ? {
          ok: true,
          passwords: new Map(Object.entries(parsed.data.passwords)),
          keys: new Map(Object.entries(parsed.data.keys)),
          customFields: {
            devices: fieldMaps(parsed.data.customFields.devices),
            credentials: fieldMaps(parsed.data.customFields.credentials),
          },
        }
      : { ok: false, reason: 'malformed' };
  } catch {
    return { ok: false, reason: 'malformed' };
  } finally {
    plaintext.fill(0);
  }
}
