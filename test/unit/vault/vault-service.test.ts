import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/platform/event-bus';
import { VaultLockedError } from '../../../electron/vault/secret-vault';
import { VaultService, WrongPassphraseError, type VaultOptions } from '../../../electron/vault/vault-service';
import { RecordingAudit } from '../../support/recording-audit';
import { makeTempDir } from '../../support/temp-dir';

// Cheaper scrypt for tests only; the real cost is checked once below.
const testCost = { N: 2 ** 12, r: 8, p: 1 };
const passphrase = 'correct horse battery staple';
let dir: ReturnType<typeof makeTempDir>;
let audit: RecordingAudit;
let problems: string[];

const make = (extra: Partial<VaultOptions> = {}) =>
  new VaultService({
    dataDir: dir.path,
    events: new EventBus(),
    audit,
    clock: { now: () => new Date('2026-11-29T12:00:00Z') },
    scryptCost: testCost,
    onProblem: (m) => problems.push(m),
    ...extra,
  });

beforeEach(() => {
  dir = makeTempDir();
  audit = new RecordingAudit();
  problems = [];
});
afterEach(() => dir.remove());

describe('VaultService', () => {
  it('starts uninitialized, and is unlocked after setup', async () => {
    const vault = make();
    expect(vault.status()).toEqual({ state: 'uninitialized', keySource: 'passphrase' });
    await vault.setup(passphrase, 'alice');
    expect(vault.status().state).toBe('unlocked');
    expect(audit.entries.map((e) => e.action)).toEqual(['vault_setup']);
  });

  it('stores secrets encrypted: the file never holds the plaintext', async () => {
    const vault = make();
    await vault.setup(passphrase, 'alice');
    const secret = 'S3cret-Pa$$word-!';
    await vault.put('credential:1', secret);
    const file = readFileSync(join(dir.path, 'vault.json'), 'utf8');
    expect(file).not.toContain(secret);
    expect(file).not.toContain(Buffer.from(secret).toString('base64'));
    expect(file).not.toContain(passphrase);
    expect(vault.get('credential:1')).toBe(secret);
  });

  it('unlocks with the right passphrase after a restart, and refuses a wrong one', async () => {
    const first = make();
    await first.setup(passphrase, 'alice');
    await first.put('credential:7', 'pw-7');

    const second = make();
    expect(second.status().state).toBe('locked');
    expect(second.has('credential:7')).toBe(true);
    expect(() => second.get('credential:7')).toThrow(VaultLockedError);
    await expect(second.unlock('wrong passphrase', 'bob')).rejects.toThrow(WrongPassphraseError);
    expect(second.status().state).toBe('locked');
    await second.unlock(passphrase, 'bob');
    expect(second.get('credential:7')).toBe('pw-7');
    expect(audit.entries.map((e) => [e.action, e.result])).toEqual([
      ['vault_setup', 'success'],
      ['vault_unlock_failed', 'failure'],
      ['vault_unlock', 'success'],
    ]);
    expect(JSON.stringify(audit.entries)).not.toContain('wrong passphrase');
  });

  it('lock forgets the key', async () => {
    const vault = make();
    await vault.setup(passphrase, 'alice');
    await vault.put('credential:1', 'x');
    await vault.lock('alice');
    expect(vault.status().state).toBe('locked');
    expect(() => vault.get('credential:1')).toThrow(VaultLockedError);
    expect(() => vault.put('credential:2', 'y')).toThrow(VaultLockedError);
  });

  it('binds each ciphertext to its reference: swapped entries do not decrypt', async () => {
    const vault = make();
    await vault.setup(passphrase, 'alice');
    await Promise.all([vault.put('credential:1', 'one'), vault.put('credential:2', 'two')]);
    const path = join(dir.path, 'vault.json');
    const file = JSON.parse(readFileSync(path, 'utf8')) as { entries: Record<string, unknown> };
    [file.entries['credential:1'], file.entries['credential:2']] = [
      file.entries['credential:2'],
      file.entries['credential:1'],
    ];
    writeFileSync(path, JSON.stringify(file));
    const reopened = make();
    await reopened.unlock(passphrase, 'alice');
    expect(() => reopened.get('credential:1')).toThrow();
  });

  it('keeps an unreadable vault file aside instead of overwriting it', () => {
    writeFileSync(join(dir.path, 'vault.json'), '{"format": 1, "entr');
    const vault = make();
    expect(vault.status().state).toBe('uninitialized');
    expect(problems).toHaveLength(1);
    const aside = readdirSync(dir.path).filter((f) => f.startsWith('vault.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir.path, aside[0] ?? ''), 'utf8')).toBe('{"format": 1, "entr');
  });

  it('with an OS key protector (an XOR stand-in here), needs no passphrase and keeps only the wrapped key', () => {
    // Stands in for Electron's safeStorage, which exists only inside Electron.
    const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
    const osKeys = { name: 'test-keyring', encrypt: xor, decrypt: xor };
    const vault = make({ osKeys });
    expect(vault.status()).toEqual({ state: 'unlocked', keySource: 'safe-storage' });
    const reopened = make({ osKeys });
    expect(reopened.status()).toEqual({ state: 'unlocked', keySource: 'safe-storage' });
  });

  it('uses the recommended scrypt cost by default', async () => {
    const vault = make({ scryptCost: undefined });
    await vault.setup(passphrase, 'alice');
    const file = JSON.parse(readFileSync(join(dir.path, 'vault.json'), 'utf8')) as { kdf: { N: number } };
    expect(file.kdf.N).toBe(2 ** 17);
    // The real cost takes about a second of CPU on purpose; a busy machine may need many more.
  }, 30_000);
});
