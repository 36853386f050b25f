/**
 * Change passphrase and the growing wait after wrong ones (electron/vault/vault-service.ts,
 * unlock-throttle.ts): the data key is wrapped again and no secret is re-encrypted; wrong
 * passphrases at Unlock and at Change count alike, are audited, and slow the next attempt down.
 */
import { mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/platform/event-bus';
import { ManualClock } from '../../../electron/platform/manual-clock';
import {
  PassphraseRuleError,
  UnlockThrottledError,
  VaultService,
  WrongPassphraseError,
} from '../../../electron/vault/vault-service';
import { RecordingAudit } from '../../support/recording-audit';
import { makeTempDir } from '../../support/temp-dir';

const testCost = { N: 2 ** 12, r: 8, p: 1 };
const first = 'correct horse battery staple';
const second = 'a different horse, stapled again';
let dir: ReturnType<typeof makeTempDir>;
let audit: RecordingAudit;
let clock: ManualClock;

const make = () =>
  new VaultService({ dataDir: dir.path, events: new EventBus(), audit, clock, scryptCost: testCost });
const file = () => JSON.parse(readFileSync(join(dir.path, 'vault.json'), 'utf8')) as Record<string, unknown>;

beforeEach(() => {
  dir = makeTempDir();
  audit = new RecordingAudit();
  clock = new ManualClock('2026-12-02T06:00:00Z');
});
afterEach(() => dir.remove());

describe('Change passphrase', () => {
  it('wraps the data key again, re-encrypts nothing, and only the new passphrase opens the vault', async () => {
    const vault = make();
    await vault.setup(first, 'admin');
    await vault.put('credential:1', 's3cret value');
    const before = file();
    await expect(vault.changePassphrase(first, second, 'admin')).resolves.toMatchObject({
      state: 'unlocked',
    });
    const after = file();
    expect(after.entries).toEqual(before.entries);
    expect(after.wrappedKey).not.toEqual(before.wrappedKey);
    expect((after.kdf as { salt: string }).salt).not.toBe((before.kdf as { salt: string }).salt);
    expect(vault.get('credential:1')).toBe('s3cret value');
    expect(audit.entries.at(-1)).toMatchObject({ action: 'vault_passphrase_changed', result: 'success' });

    const reopened = make();
    await expect(reopened.unlock(first, 'admin')).rejects.toBeInstanceOf(WrongPassphraseError);
    await reopened.unlock(second, 'admin');
    expect(reopened.get('credential:1')).toBe('s3cret value');
  });

  it('refuses a wrong current passphrase and a new one that breaks the rules, and writes nothing', async () => {
    const vault = make();
    await vault.setup(first, 'admin');
    const before = readFileSync(join(dir.path, 'vault.json'), 'utf8');
    await expect(vault.changePassphrase('not it at all, sorry', second, 'admin')).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    await expect(vault.changePassphrase(first, 'short', 'admin')).rejects.toBeInstanceOf(PassphraseRuleError);
    expect(readFileSync(join(dir.path, 'vault.json'), 'utf8')).toBe(before);
    expect(audit.entries.at(-1)).toMatchObject({ action: 'vault_unlock_failed', result: 'failure' });
  });
});

describe('wrong passphrases slow the next attempt down', () => {
  it('three cost nothing more; then each doubles the wait, the right one too must wait, and it starts over', async () => {
    await make().setup(first, 'admin');
    const vault = make();
    for (let i = 0; i < 3; i++) {
      await expect(vault.unlock(`wrong ${i} wrong wrong`, 'admin')).rejects.toBeInstanceOf(
        WrongPassphraseError,
      );
    }
    await expect(vault.unlock('wrong 3 wrong wrong', 'admin')).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(audit.entries.at(-1)?.detail).toBe('Wrong passphrase; the next attempt waits 2 s');
    // Even the right passphrase is not tried during the wait.
    const refused = await vault.unlock(first, 'admin').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UnlockThrottledError);
    expect((refused as UnlockThrottledError).message).toBe('Too many wrong passphrases: try again in 2 s');
    clock.advance(2000);
    await expect(vault.unlock('wrong 4 wrong wrong', 'admin')).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(audit.entries.at(-1)?.detail).toBe('Wrong passphrase; the next attempt waits 4 s');
    clock.advance(3999);
    await expect(vault.unlock(first, 'admin')).rejects.toBeInstanceOf(UnlockThrottledError);
    clock.advance(1);
    await expect(vault.unlock(first, 'admin')).resolves.toMatchObject({ state: 'unlocked' });
    // Started over: three more wrong ones (at Change passphrase) cost nothing more again.
    for (let i = 0; i < 3; i++) {
      await expect(vault.changePassphrase(`wrong ${i} wrong wrong`, second, 'admin')).rejects.toBeInstanceOf(
        WrongPassphraseError,
      );
    }
    expect(audit.entries.at(-1)?.detail).toBe('Wrong passphrase');
  });
});

describe('attempts side by side (two tabs, a script)', () => {
  it('are tried one after the other, so the wait counts every failure before the next attempt', async () => {
    await make().setup(first, 'admin');
    const vault = make();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        vault.unlock(`wrong ${i} wrong wrong`, 'admin').catch((e: unknown) => e),
      ),
    );
    // Three free, the fourth sets a wait; the six others are not tried during it.
    expect(results.filter((r) => r instanceof WrongPassphraseError)).toHaveLength(4);
    expect(results.filter((r) => r instanceof UnlockThrottledError)).toHaveLength(6);
    expect(audit.entries.filter((e) => e.action === 'vault_unlock_failed')).toHaveLength(4);
  });

  it('a change that could not be written leaves the old passphrase in force, also for later writes', async () => {
    const vault = make();
    await vault.setup(first, 'admin');
    // The temporary file's name taken by a directory: the write fails (root or not).
    const blocker = join(dir.path, `vault.json.${process.pid}.tmp`);
    mkdirSync(blocker);
    await expect(vault.changePassphrase(first, second, 'admin')).rejects.toThrow();
    rmdirSync(blocker);
    await vault.put('credential:1', 'kept');
    const reopened = make();
    await expect(reopened.unlock(first, 'admin')).resolves.toMatchObject({ state: 'unlocked' });
    expect(reopened.get('credential:1')).toBe('kept');
  });

  it('a Lock pressed while a change derives its key is not undone by the change', async () => {
    const vault = make();
    await vault.setup(first, 'admin');
    const changing = vault.changePassphrase(first, second, 'admin');
    await vault.lock('admin');
    await expect(changing).resolves.toMatchObject({ state: 'locked' });
  });
});
