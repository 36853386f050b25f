/**
 * The vault's state machine at its edges (electron/vault/vault-service.ts), cases found by `npm
 * run mutation`: each call in each state, what it answers, what it audits and announces, and what
 * it leaves on disk.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/platform/event-bus';
import { VaultService, VaultStateError, type VaultOptions } from '../../../electron/vault/vault-service';
import { RecordingAudit } from '../../support/recording-audit';
import { makeTempDir } from '../../support/temp-dir';

const testCost = { N: 2 ** 12, r: 8, p: 1 };
const passphrase = 'correct horse battery staple';
const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
const osKeys = { name: 'xor-stand-in', encrypt: xor, decrypt: xor };
let dir: ReturnType<typeof makeTempDir>;
let audit: RecordingAudit;
let events: EventBus;
let heard: unknown[];
let problems: string[];

const make = (extra: Partial<VaultOptions> = {}) =>
  new VaultService({
    dataDir: dir.path,
    events,
    audit,
    clock: { now: () => new Date('2026-11-29T12:00:00.123Z') },
    scryptCost: testCost,
    onProblem: (m) => problems.push(m),
    ...extra,
  });
const vaultFile = () => join(dir.path, 'vault.json');

beforeEach(() => {
  dir = makeTempDir();
  audit = new RecordingAudit();
  events = new EventBus();
  heard = [];
  events.subscribe((name, payload) => heard.push([name, payload]));
  problems = [];
});
afterEach(() => dir.remove());

describe('VaultService states', () => {
  it('audits set-up, unlock, a failed unlock and lock as the vault, by the actor, and announces each change', async () => {
    const vault = make();
    await vault.setup(passphrase, 'alice');
    await vault.lock('bob');
    await expect(vault.unlock('not the passphrase at all', 'carol')).rejects.toThrow('Wrong passphrase');
    await vault.unlock(passphrase, 'dave');
    expect(audit.entries.map((e) => [e.action, e.actor, e.entity, e.entityId, e.label, e.result])).toEqual([
      ['vault_setup', 'alice', 'vault', null, 'Vault', 'success'],
      ['vault_lock', 'bob', 'vault', null, 'Vault', 'success'],
      ['vault_unlock_failed', 'carol', 'vault', null, 'Vault', 'failure'],
      ['vault_unlock', 'dave', 'vault', null, 'Vault', 'success'],
    ]);
    const unlocked = { state: 'unlocked', keySource: 'passphrase' };
    const locked = { state: 'locked', keySource: 'passphrase' };
    expect(heard).toEqual([
      ['vault.changed', unlocked],
      ['vault.changed', locked],
      ['vault.changed', unlocked],
    ]);
  });

  it('refuses a second set-up, and an unlock before any set-up, with what to do instead', async () => {
    const vault = make();
    await expect(vault.unlock(passphrase, 'alice')).rejects.toThrow(
      new VaultStateError('The vault is not set up yet'),
    );
    await vault.setup(passphrase, 'alice');
    await expect(vault.setup(passphrase, 'alice')).rejects.toThrow(
      new VaultStateError('The vault is already set up: unlock it instead'),
    );
  });

  it('an unlock of an unlocked vault and a lock of a locked one change nothing and audit nothing', async () => {
    const vault = make();
    await vault.setup(passphrase, 'alice');
    await expect(vault.unlock('any words at all here', 'bob')).resolves.toEqual({
      state: 'unlocked',
      keySource: 'passphrase',
    });
    await vault.lock('bob');
    await vault.lock('bob');
    expect(audit.entries.map((e) => e.action)).toEqual(['vault_setup', 'vault_lock']);
  });

  it('a keyring vault: reports its key source before and after creation, and refuses lock and a passphrase unlock', async () => {
    const vault = make({ osKeys });
    expect(vault.status()).toEqual({ state: 'unlocked', keySource: 'safe-storage' });
    await expect(vault.lock('alice')).rejects.toThrow(
      new VaultStateError('The OS keyring protects this vault; lock your session to lock it'),
    );
    // The same file where the keyring is not available: locked, and no passphrase opens it.
    const elsewhere = make();
    expect(elsewhere.status()).toEqual({ state: 'locked', keySource: 'safe-storage' });
    await expect(elsewhere.unlock(passphrase, 'alice')).rejects.toThrow(
      new VaultStateError('This vault is protected by the OS keyring, which is not available here'),
    );
  });

  it('has, get and remove: by reference, in memory and on disk', async () => {
    const vault = make();
    expect(vault.has('credential:1')).toBe(false);
    await vault.setup(passphrase, 'alice');
    expect(() => vault.get('credential:1')).toThrow('No secret stored for credential:1');
    await vault.put('credential:1', 'one');
    await vault.put('credential:2', 'two');
    expect([vault.has('credential:1'), vault.has('credential:3'), vault.has('toString')]).toEqual([
      true,
      false,
      false,
    ]);
    await vault.remove('credential:1');
    await vault.remove('credential:9');
    expect(vault.has('credential:1')).toBe(false);
    const onDisk = JSON.parse(readFileSync(vaultFile(), 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(onDisk.entries)).toEqual(['credential:2']);
    expect(make().has('credential:2')).toBe(true);
  });

  it('flush writes a pending put at once', async () => {
    const vault = make();
    await vault.setup(passphrase, 'alice');
    const pending = vault.put('credential:1', 'one');
    vault.flush();
    const onDisk = JSON.parse(readFileSync(vaultFile(), 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(onDisk.entries)).toEqual(['credential:1']);
    await pending;
  });

  it('sets an unreadable file aside under a dated name, and says where', () => {
    writeFileSync(vaultFile(), 'not json');
    make();
    const aside = 'vault.corrupt-2026-11-29T12-00-00-123Z.json';
    expect(readdirSync(dir.path)).toContain(aside);
    expect(existsSync(vaultFile())).toBe(false);
    expect(problems).toEqual([
      `The vault file ${vaultFile()} could not be read. It was kept as ${join(dir.path, aside)}; the stored ` +
        'passwords in it are not available. Restore it from a backup, or set a new master passphrase.',
    ]);
  });
});
