import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/compose';
import { EventBus } from '../../../electron/platform/event-bus';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import {
  PassphraseRuleError,
  VaultReadError,
  VaultService,
  VaultStateError,
  type VaultOptions,
} from '../../../electron/vault/vault-service';
import { RecordingAudit } from '../../support/recording-audit';
import { makeTempDir } from '../../support/temp-dir';

const testCost = { N: 2 ** 12, r: 8, p: 1 };
let dir: ReturnType<typeof makeTempDir>;
let audit: RecordingAudit;

const make = (extra: Partial<VaultOptions> = {}) =>
  new VaultService({
    dataDir: dir.path,
    events: new EventBus(),
    audit,
    clock: { now: () => new Date('2026-11-29T12:00:00Z') },
    scryptCost: testCost,
    ...extra,
  });

beforeEach(() => {
  dir = makeTempDir();
  audit = new RecordingAudit();
});
afterEach(() => dir.remove());

describe('vault set-up is one-shot', () => {
  it('refuses a second set-up while the first is still deriving its key (two tabs)', async () => {
    const vault = make();
    const first = vault.setup('first tab passphrase', 'alice');
    const second = vault.setup('second tab passphrase', 'alice');
    await expect(second).rejects.toThrow(VaultStateError);
    await expect(second).rejects.toThrow('being set up from another window already');
    await first;
    await vault.put('credential:1', 'stored after the first set-up');

    const reopened = make();
    await reopened.unlock('first tab passphrase', 'alice');
    expect(reopened.get('credential:1')).toBe('stored after the first set-up');
    expect(audit.entries.map((e) => e.action)).toEqual(['vault_setup', 'vault_unlock']);
  });

  it('never writes over a vault file another process created meanwhile', async () => {
    const one = make();
    const other = make(); // both saw no vault.json
    await one.setup('the one passphrase', 'alice');
    await one.put('credential:1', 'secret one');
    const stored = readFileSync(join(dir.path, 'vault.json'), 'utf8');

    await expect(other.setup('the other passphrase', 'bob')).rejects.toThrow(VaultStateError);
    expect(readFileSync(join(dir.path, 'vault.json'), 'utf8')).toBe(stored);
    expect(other.status().state).toBe('uninitialized');
    expect(readdirSync(dir.path)).toEqual(['vault.json']);
  });

  it('applies the set-up screen rules to every new passphrase', async () => {
    const vault = make();
    for (const bad of ['', 'short', '          ', '   a b c d e f g   ']) {
      await expect(vault.setup(bad, 'alice')).rejects.toThrow(PassphraseRuleError);
    }
    expect(vault.status().state).toBe('uninitialized');
    expect(readdirSync(dir.path)).toEqual([]);
  });
});

describe('a vault file that cannot be read', () => {
  it('is left in place and stops the start, instead of being set aside as corrupt', () => {
    const content = '{"format":1,"keySource":"passphrase","entries":{}}';
    writeFileSync(join(dir.path, 'vault.json'), content);
    const failing = () =>
      make({
        readFile: () => {
          throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
        },
      });
    expect(failing).toThrow(VaultReadError);
    expect(readdirSync(dir.path)).toEqual(['vault.json']);
    expect(readFileSync(join(dir.path, 'vault.json'), 'utf8')).toBe(content);
  });

  it('is left in place when a folder stands where the file should be', () => {
    mkdirSync(join(dir.path, 'vault.json'));
    expect(() => make()).toThrow(VaultReadError);
    expect(readdirSync(dir.path)).toEqual(['vault.json']);
  });
});

describe('vault.setup through the dispatcher', () => {
  it('answers a second call in flight with a conflict, and the first passphrase is the one', async () => {
    const core = createCore({ dataDir: dir.path, shell: 'browser', createBackend: confBackendFactory });
    const ctx = core.context('websocket');
    const [first, second] = await Promise.all([
      core.dispatcher.dispatch('vault.setup', { passphrase: 'first tab passphrase' }, ctx),
      core.dispatcher.dispatch('vault.setup', { passphrase: 'second tab passphrase' }, ctx),
    ]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: false, code: 'conflict' });
    await core.vault.lock('alice');
    await expect(core.vault.unlock('second tab passphrase', 'alice')).rejects.toThrow('Wrong passphrase');
    await core.vault.unlock('first tab passphrase', 'alice');
    core.close();
  }, 30_000); // Three key derivations at the real scrypt cost.
});
