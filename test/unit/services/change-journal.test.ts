/**
 * A change stopped at a chosen point, as a killed process would leave the files: a promise the
 * change waits on never resolves (the audit append, the vault write), the files are reopened by a
 * second set of services on the same directory, as the next start would. (The kill -9 loop in
 * test/unit/storage/kill-loop.test.ts stops the real process at random points.)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/domain/audit';
import { vaultRef } from '../../../electron/services/credentials/credential-service';
import { intentFileName } from '../../../electron/storage/intent-journal';
import { makeTempDir } from '../../support/temp-dir';
import { FakeVault } from './fake-vault';
import {
  actor,
  credential,
  device,
  keep,
  openServices,
  readCredentialFiles,
  setPassword,
  settle,
} from './harness';
import { builtIns, bundlePassphrase, FailingWrites, openEnv, seedRich, type Env } from './transfer/fixtures';

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
const intentText = () => {
  const path = join(dir.path, intentFileName);
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
};

/** Lets the stopped change write what it writes before the point it never passes. */
async function until(condition: () => boolean): Promise<void> {
  // Bounded by time, not turns: an import first opens its passwords (scrypt, off the loop).
  const deadline = Date.now() + 20_000;
  while (!condition() && Date.now() < deadline) await settle();
  expect(condition()).toBe(true);
}

describe('a change stopped half-way is completed at the next start', () => {
  it('after its row, before its audit entry: the entry is logged at start, saying so', async () => {
    const s = openServices(dir.path);
    const web = await s.devices.save(undefined, device(), actor);
    const saved = await s.credentials.save(undefined, credential({ deviceId: web.id }), keep, actor);
    s.audit.record = never;
    void s.credentials.save(saved.id, credential({ deviceId: web.id, additionalInfo: 'v1' }), keep, actor);
    await until(() => readCredentialFiles(dir.path).includes('"v1"'));
    expect(intentText()).toContain('"v1"');

    const next = openServices(dir.path);
    await next.recovered;
    expect(next.credentials.get(saved.id).additionalInfo).toBe('v1');
    const [update] = next.audit.forEntity('credential', saved.id);
    expect(update).toMatchObject({
      action: 'update',
      fields: ['additionalInfo'],
      result: 'success',
      detail: expect.stringMatching(
        /^Completed at start: the app stopped while saving this change/,
      ) as string,
    });
    expect(intentText()).toBe('');
    // Once: a third start finds nothing left to do.
    const third = openServices(dir.path);
    await third.recovered;
    expect(third.audit.forEntity('credential', saved.id).filter((e) => e.action === 'update')).toHaveLength(
      1,
    );
    await Promise.all([next.audit.close(), third.audit.close()]);
  });

  it('after its intent, before the vault and the row: the row is written at start, the entry warns about the password', async () => {
    const vault = new FakeVault();
    const s = openServices(dir.path, { vault });
    const web = await s.devices.save(undefined, device(), actor);
    const saved = await s.credentials.save(undefined, credential({ deviceId: web.id }), keep, actor);
    vault.put = never;
    void s.credentials.save(
      saved.id,
      credential({ deviceId: web.id }),
      setPassword('N3w-secret-value'),
      actor,
    );
    await until(() => intentText().endsWith('\n'));
    expect(intentText()).not.toContain('N3w-secret-value');

    const next = openServices(dir.path, { vault });
    await next.recovered;
    const [update] = next.audit.forEntity('credential', saved.id);
    expect(update).toMatchObject({ action: 'update', fields: ['password'] });
    expect(update?.detail).toMatch(
      /^Password set; completed at start: .*the new password may not have been stored, check it or set it again$/,
    );
    expect(vault.has(vaultRef(saved.id))).toBe(false);
    await next.audit.close();
  });

  it('a device deactivation and its credentials are one change', async () => {
    const s = openServices(dir.path);
    const web = await s.devices.save(undefined, device(), actor);
    const root = await s.credentials.save(undefined, credential({ deviceId: web.id }), keep, actor);
    s.audit.record = never;
    void s.devices.save(web.id, device({ active: false }), actor);
    await until(() => readFileSync(join(dir.path, 'config.json'), 'utf8').includes('"active":false'));

    const next = openServices(dir.path);
    await next.recovered;
    expect(next.devices.get(web.id).active).toBe(false);
    expect(next.credentials.get(root.id).status).toBe('Inactive');
    const actions = (entries: AuditEntry[]) => entries.map((e) => e.action);
    expect(actions(next.audit.forEntity('credential', root.id))).toEqual(['deactivate', 'create']);
    expect(actions(next.audit.forEntity('device', web.id))).toEqual(['deactivate', 'create']);
    await next.audit.close();
  });
});

describe('an import stopped half-way', () => {
  let content: string;
  const envs: Env[] = [];
  beforeEach(async () => {
    const source = makeTempDir();
    const env = await openEnv(source.path, { vault: 'real' });
    await env.templates.installBuiltIns(builtIns);
    await seedRich(env);
    content = (
      await env.transfer.exportBundle({ includePasswords: true, passphrase: bundlePassphrase }, actor)
    ).content;
    await env.close();
    source.remove();
  });
  afterEach(async () => {
    for (const env of envs.splice(0)) await env.close();
  });

  it('is there in full at the next start, with its one audit entry; importing it again is refused whole', async () => {
    const env = await openEnv(dir.path, { vault: 'real' });
    await env.templates.installBuiltIns(builtIns);
    env.audit.record = never;
    void env.transfer.importBundle({ content, passphrase: bundlePassphrase }, actor);
    await until(() => readCredentialFiles(dir.path).includes('provisioner'));
    env.realVault?.flush();

    const next = await openEnv(dir.path, { vault: 'real' });
    envs.push(next);
    await next.recovered;
    expect(next.devices.list().map((d) => d.name)).toEqual(['db-01', 'spare-01', 'web-01']);
    expect(next.credentials.exportRows()).toHaveLength(7);
    const imports = next.audit.list({ action: 'import' }, 0, 10);
    expect(imports.total).toBe(1);
    expect(imports.entries[0]?.detail).toMatch(/imported; .* completed at start: the app stopped/);
    const again = await next.transfer.importBundle({ content, passphrase: bundlePassphrase }, actor);
    expect(again.applied).toBe(false);
    expect(next.devices.list()).toHaveLength(3);
  });

  it('a write that fails (not a crash) is undone and leaves no intent behind', async () => {
    const writes = new FailingWrites();
    const env = await openEnv(dir.path, { vault: 'real', writes });
    envs.push(env);
    await env.templates.installBuiltIns(builtIns);
    writes.failOnce.add('credentials');
    await expect(env.transfer.importBundle({ content, passphrase: bundlePassphrase }, actor)).rejects.toThrow(
      'write of credentials failed (test)',
    );
    expect(intentText()).toBe('');
    expect(readFileSync(join(dir.path, 'config.json'), 'utf8')).not.toContain('web-01');
  });

  it('an undo that fails too is completed at the next start', async () => {
    const env = await openEnv(dir.path, { vault: 'real' });
    envs.push(env);
    await env.templates.installBuiltIns(builtIns);
    env.writes.failing.add('config');
    await expect(env.transfer.importBundle({ content, passphrase: bundlePassphrase }, actor)).rejects.toThrow(
      'write of config failed (test)',
    );
    // config.json (devices, templates) could not be written, not even to undo: the record holds
    // the undo now (every imported row removed), no longer the import.
    const pending = JSON.parse(intentText()) as {
      tables: { name: string; put: unknown[]; remove: number[] }[];
    };
    expect(pending.tables.map((t) => [t.name, t.put.length, t.remove.length])).toEqual([
      ['devices', 0, 3],
      ['templates', 0, 6],
      ['templateVersions', 0, 6],
      ['credentials', 0, 7],
    ]);

    env.writes.failing.clear();
    const next = await openEnv(dir.path, { vault: 'real' });
    envs.push(next);
    await next.recovered;
    expect(next.devices.list()).toEqual([]);
    expect(next.credentials.exportRows()).toEqual([]);
    expect(readCredentialFiles(dir.path)).not.toContain('provisioner');
    expect(next.audit.list({ action: 'import' }, 0, 10).total).toBe(0);
    expect(intentText()).toBe('');
  });
});

describe('the intent record itself', () => {
  it('cut short by the crash (no final newline): nothing of it was written, it is ignored', async () => {
    writeFileSync(join(dir.path, intentFileName), '{"version":1,"at":"2026-11-29T10:00:00.000Z","audi');
    const s = openServices(dir.path);
    await s.recovered;
    expect(s.problems).toEqual([]);
    expect(s.audit.size).toBe(0);
    await s.audit.close();
  });

  it('not replayable (a row its schema refuses): set aside and reported, nothing replayed', async () => {
    const intent = {
      version: 1,
      at: '2026-11-29T10:00:00.000Z',
      auditAfter: 0,
      password: false,
      tables: [
        { name: 'devices', put: [{ id: 1, name: 'ok-01', address: '10.0.0.1', type: 'Server' }], remove: [] },
      ],
      audit: [{ actor, action: 'create', entity: 'device', entityId: 1, label: 'ok-01' }],
    };
    writeFileSync(join(dir.path, intentFileName), `${JSON.stringify(intent)}\n`);
    const s = openServices(dir.path);
    await s.recovered;
    expect(s.devices.list()).toEqual([]);
    expect(s.audit.size).toBe(0);
    expect(s.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(
        /could not be completed \(a row of devices is not valid\); its record was kept as .*intent\.unreadable-/,
      ) as string,
    ]);
    expect(existsSync(join(dir.path, intentFileName))).toBe(false);
    await s.audit.close();
  });
});
