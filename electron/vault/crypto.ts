import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';

/** An AES-256-GCM ciphertext as stored: base64 fields. */
export interface Sealed {
  readonly iv: string;
  readonly tag: string;
  readonly ct: string;
}

export const keyBytes = 32;

/**
 * AES-256-GCM with a fresh 96-bit IV per message. `aad` binds a ciphertext to its place (the
 * secret's reference), so entries cannot be swapped between credentials inside the file.
 */
export function seal(key: Buffer, plaintext: Buffer, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ct: ct.toString('base64'),
  };
}

/** Throws when the key is wrong or the data was altered (GCM authentication). */
export function open(key: Buffer, sealed: Sealed, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]);
}

export interface ScryptParams {
  readonly salt: string;
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's recommended scrypt cost (N=2^17, r=8, p=1): about 128 MiB and a few hundred ms. */
export const defaultScrypt = { N: 2 ** 17, r: 8, p: 1 } as const;

export function newScryptParams(cost: Omit<ScryptParams, 'salt'> = defaultScrypt): ScryptParams {
  return { salt: randomBytes(16).toString('base64'), ...cost };
}

export function deriveKey(passphrase: string, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      Buffer.from(params.salt, 'base64'),
      keyBytes,
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}
