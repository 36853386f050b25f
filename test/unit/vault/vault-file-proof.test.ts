/**
 * What vault.json really holds, checked from outside the vault's code: the file is decrypted here
 * with node:crypto alone, from the parameters the file records. A vault that used another scrypt
 * cost than it recorded, reused an IV, or kept its data key in clear fails these tests.
 */
import { createDecipheriv, scryptSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/platform/event-bus';
import { deriveKey, newScryptParams, open, seal } from '../../../electron/vault/crypto';
import { VaultService, type VaultOptions } from '../../../electron/vault/vault-service';
import { entryAad, wrappedKeyAad, type VaultFile } from '../../../electron/vault/vault-file';
import { RecordingAudit } from '../../support/recording-audit';
import { makeTempDir } from '../../support/temp-dir';

const testCost = { N: 2 ** 12, r: 8, p: 1 };
const passphrase = 'correct horse battery staple';
let dir: ReturnType<typeof makeTempDir>;

const make = (extra: Partial<VaultOptions> = {}) =>
  new VaultService({
    dataDir: dir.path,
    events: new EventBus(),
    audit: new RecordingAudit(),
    clock: { now: () => new Date('2026-11-29T12:00:00Z') },
    scryptCost: testCost,
    ...extra,
  });

const readVaultFile = () => JSON.parse(readFileSync(join(dir.path, 'vault.json'), 'utf8')) as VaultFile;

/** AES-256-GCM decryption written out here, so a bug in crypto.ts cannot hide itself. */
function gcmOpen(key: Buffer, sealed: { iv: string; tag: string; ct: string }, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]);
}

beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

describe('crypto', () => {
  it('uses a fresh 96-bit IV for every seal, even of the same plaintext under the same key', () => {
    const key = Buffer.alloc(32, 7);
    const ivs = new Set<string>();
    for (let i = 0; i < 64; i++) {
      const sealed = seal(key, Buffer.from('same secret'), 'vault:entry:x');
      expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12);
      ivs.add(sealed.iv);
    }
    expect(ivs.size).toBe(64);
  });

  it('derives with exactly the recorded scrypt cost (the same key as node:crypto with those parameters)', async () => {
    for (const cost of [testCost, { N: 2 ** 10, r: 8, p: 1 }, { N: 2 ** 12, r: 4, p: 2 }]) {
      const params = newScryptParams(cost);
      const derived = await deriveKey(passphrase, params);
      const expected = scryptSync(passphrase, Buffer.from(params.salt, 'base64'), 32, {
        ...cost,
        maxmem: 64 * 1024 * 1024,
      });
      expect(derived.equals(expected)).toBe(true);
    }
  });

  it('refuses a ciphertext whose tag, IV or place (AAD) changed', () => {
    const key = Buffer.alloc(32, 3);
    const sealed = seal(key, Buffer.from('secret'), 'a');
    expect(open(key, sealed, 'a').toString()).toBe('secret');
    expect(() => open(key, sealed, 'b')).toThrow();
    const flipped = Buffer.from(sealed.iv, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => open(key, { ...sealed, iv: flipped.toString('base64') }, 'a')).toThrow();
  });
});

describe('vault.json decrypted from the outside', () => {
  it('a passphrase vault: the recorded scrypt parameters unwrap the data key, which opens the entries', async () => {
    const vault = make();
    await vault.setup(passphrase, 'alice');
    await vault.put('credential:1', 'hunter2-but-longer');
    vault.flush();
    const file = readVaultFile();
    expect(file.kdf).toMatchObject(testCost);
    const kdf = file.kdf;
    const wrapped = file.wrappedKey;
    if (!kdf || !wrapped) throw new Error('a passphrase vault records its kdf and wrapped key');
    const kek = scryptSync(passphrase, Buffer.from(kdf.salt, 'base64'), 32, {
      N: kdf.N,
      r: kdf.r,
      p: kdf.p,
      maxmem: 64 * 1024 * 1024,
    });
    const dataKey = gcmOpen(kek, wrapped, wrappedKeyAad);
    const entry = file.entries['credential:1'];
    if (!entry) throw new Error('the entry is in the file');
    expect(gcmOpen(dataKey, entry, entryAad('credential:1')).toString()).toBe('hunter2-but-longer');
    expect(readFileSync(join(dir.path, 'vault.json'), 'utf8')).not.toContain('hunter2');
  });

  it('a keyring vault (an XOR stand-in for safeStorage, not a real keyring): the data key is stored wrapped, and reopening reads the secrets back', async () => {
    // Electron's safeStorage exists only inside Electron; this stand-in shows whether the vault
    // stores what the protector returns (wrapped) and asks it again on reopen (same key).
    const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
    const osKeys = { name: 'xor-stand-in', encrypt: xor, decrypt: xor };
    const vault = make({ osKeys });
    await vault.put('credential:7', 'kept across restarts');
    vault.flush();

    const file = readVaultFile();
    expect(file.keySource).toBe('safe-storage');
    const stored = Buffer.from(file.osWrappedKey ?? '', 'base64');
    expect(stored).toHaveLength(32);
    const dataKey = xor(stored);
    expect(stored.equals(dataKey)).toBe(false);
    const entry = file.entries['credential:7'];
    if (!entry) throw new Error('the entry is in the file');
    expect(gcmOpen(dataKey, entry, entryAad('credential:7')).toString()).toBe('kept across restarts');
    // The stored bytes themselves are not the key: a vault that kept the key in clear fails here.
    expect(() => gcmOpen(stored, entry, entryAad('credential:7'))).toThrow();

    const reopened = make({ osKeys });
    expect(reopened.get('credential:7')).toBe('kept across restarts');
    expect(readVaultFile().osWrappedKey).toBe(file.osWrappedKey);
  });
});
