// ssh2 is CommonJS: its `utils` is not a named export the bundled ESM build can import.
import ssh2, { type ParsedKey } from 'ssh2';
import { secretTextProblem, type KeyChange } from '../../../shared/domain/credential';
import type { FieldError } from '../../../shared/domain/rules/credential-rules';

/** Where a credential's SSH private key (with its passphrase) lives in the vault. */
export const keyVaultRef = (id: number): string => `credential-key:${id}`;

/** What the vault holds under `keyVaultRef`: one sealed entry, so key and passphrase never part. */
export interface StoredKey {
  readonly privateKey: string;
  /** Empty when the key is not encrypted. */
  readonly passphrase: string;
}

export const sealKey = (key: StoredKey): string =>
  JSON.stringify({ privateKey: key.privateKey, passphrase: key.passphrase });

/** Reads a vault entry written by `sealKey`; anything else is refused without echoing it. */
export function openKey(sealed: string): StoredKey {
  const parsed: unknown = JSON.parse(sealed);
  if (
    typeof parsed === 'object' &&
    parsed !== null &&
    'privateKey' in parsed &&
    'passphrase' in parsed &&
    typeof parsed.privateKey === 'string' &&
    typeof parsed.passphrase === 'string'
  ) {
    return { privateKey: parsed.privateKey, passphrase: parsed.passphrase };
  }
  throw new Error('The stored SSH key is not readable');
}

/**
 * The most bcrypt rounds an OpenSSH key's passphrase may be stretched with. ssh2 runs bcrypt in
 * JavaScript on the main thread at every connection (about 20 ms a round here): `ssh-keygen`'s
 * default is 16 and the usual hardening advice 100; a crafted key with millions would freeze the
 * app at Save and at every run.
 */
export const maxKdfRounds = 128;

/** The bcrypt rounds of an encrypted `openssh-key-v1` key; null for any other key or format. */
export function opensshKdfRounds(text: string): number | null {
  const body = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(
    text,
  )?.[1];
  if (body === undefined) return null;
  const data = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  const magic = 'openssh-key-v1\0';
  if (data.subarray(0, magic.length).toString('latin1') !== magic) return null;
  let at = magic.length;
  const field = (): Buffer | null => {
    if (at + 4 > data.length) return null;
    const length = data.readUInt32BE(at);
    if (at + 4 + length > data.length) return null;
    const value = data.subarray(at + 4, at + 4 + length);
    at += 4 + length;
    return value;
  };
  field(); // cipher name
  const kdf = field()?.toString('latin1');
  const options = field();
  if (kdf !== 'bcrypt' || !options || options.length < 4) return null;
  const saltLength = options.readUInt32BE(0);
  if (4 + saltLength + 4 > options.length) return null;
  return options.readUInt32BE(4 + saltLength);
}

/**
 * A key Save would store must be one ssh2 can log in with: parsed (and decrypted with its
 * passphrase) now, so a wrong paste is refused beside the field, not at the first run. ssh2's own
 * messages name the problem ("Bad passphrase", "Unsupported key format") and never the key; they are
 * still replaced by ours, so no text derived from the key can reach a message.
 */
export function keyErrors(key: KeyChange): FieldError[] {
  if (key.action !== 'set') return [];
  const text = key.privateKey.trim();
  if (text === '') return [{ field: 'privateKey', message: 'Paste a private key, or load it from a file' }];
  // Both become secrets of every run that logs in with them (masked in outputs): refused as a
  // password is, here too because an import's keys come this way and not through the form's schema.
  const textProblem = secretTextProblem(key.privateKey, 'The key');
  if (textProblem !== undefined) return [{ field: 'privateKey', message: textProblem }];
  const passphraseProblem = secretTextProblem(key.passphrase, 'The passphrase');
  if (passphraseProblem !== undefined) return [{ field: 'keyPassphrase', message: passphraseProblem }];
  if (!text.startsWith('-----BEGIN ')) {
    return [
      {
        field: 'privateKey',
        message: 'Not a private key: expected OpenSSH or PEM text starting with "-----BEGIN"',
      },
    ];
  }
  const rounds = opensshKdfRounds(text);
  if (rounds !== null && rounds > maxKdfRounds) {
    return [
      {
        field: 'privateKey',
        message: `The key's passphrase is stretched with ${rounds} bcrypt rounds; at most ${maxKdfRounds} are taken (each connection would stall the app): re-encrypt it with ssh-keygen -p -a 100`,
      },
    ];
  }
  const parsed = ssh2.utils.parseKey(text, key.passphrase === '' ? undefined : key.passphrase);
  if (parsed instanceof Error) {
    const encrypted = /encrypted|passphrase/i.test(parsed.message);
    if (encrypted) {
      return [
        {
          field: 'keyPassphrase',
          message:
            key.passphrase === ''
              ? 'The key is encrypted: enter its passphrase'
              : 'The passphrase does not open this key',
        },
      ];
    }
    return [{ field: 'privateKey', message: 'Not a private key ssh can use (unsupported or damaged)' }];
  }
  // ssh2 types the answer as a key or a list of keys (a PPK file may hold several).
  const keys: readonly ParsedKey[] = Array.isArray(parsed) ? (parsed as ParsedKey[]) : [parsed];
  const [first] = keys;
  if (!first?.isPrivateKey()) {
    return [{ field: 'privateKey', message: 'This is a public key: paste the private key' }];
  }
  return [];
}
