import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundleSchema } from '../../../../shared/domain/bundle';
import { ServiceError } from '../../../../electron/services/service-error';
import { makeTempDir } from '../../../support/temp-dir';
import { FakeVault } from '../fake-vault';
import { actor, readText } from '../harness';
import { bundlePassphrase, openEnv, passwords, seedRich, settle, type Env } from './fixtures';

let dir: ReturnType<typeof makeTempDir>;
let env: Env;
beforeEach(async () => {
  dir = makeTempDir();
  env = await openEnv(dir.path, { vault: 'real' });
  await seedRich(env);
});
afterEach(async () => {
  await env.close();
  dir.remove();
});

interface Exported {
  devices: { ref: string; name: string }[];
  templates: { ref: string; name: string }[];
  builtInTemplates: { ref: string; key: string }[];
  credentials: { ref: string; username: string; deviceRef: string; jitRefs: Record<string, string | null> }[];
  secrets: unknown;
}

describe('TransferService.exportBundle', () => {
  it('writes every device, user template and live credential with file-local refs, and no password', async () => {
    const { fileName, content } = await env.transfer.exportBundle({ includePasswords: false }, actor);
    expect(fileName).toBe('jit-pam-2026-11-29.json');
    const bundle = JSON.parse(content) as Exported;
    expect(bundleSchema.safeParse(bundle).success).toBe(true);

    expect(bundle.devices.map((d) => d.name)).toEqual(['web-01', 'db-01', 'spare-01']);
    expect(bundle.devices.map((d) => d.ref)).toEqual(['d1', 'd2', 'd3']);
    // Built-ins are named by key, not copied.
    expect(bundle.builtInTemplates).toEqual([
      {
        ref: 't1',
        key: 'ssh:ssh.enable-user',
        name: 'SSH: enable user',
        pluginId: 'ssh',
        executionType: 'Credential enable',
      },
    ]);
    expect(bundle.templates.map((t) => t.name)).toEqual([
      'Disable',
      'Create',
      'Delete',
      'PG enable',
      'PG disable',
      'Old',
    ]);
    // The deleted credential is not exported; ids are nowhere.
    expect(bundle.credentials.map((c) => c.username)).toEqual([
      'admin',
      'postgres',
      'deploy',
      'provisioner',
      'app_ro',
      'paused',
      'backup',
    ]);
    const deploy = bundle.credentials.find((c) => c.username === 'deploy');
    expect(deploy?.jitRefs).toEqual({
      authCredentialRef: 'c1',
      enableTemplateRef: 't1',
      disableTemplateRef: 't2',
      createTemplateRef: 't3',
      deleteTemplateRef: null,
    });
    expect(content).not.toMatch(/"(deviceId|authCredentialId|enableTemplateId|createdAt|credentialCount)"/);
    expect(bundle.secrets).toBeNull();
    for (const password of Object.values(passwords)) expect(content).not.toContain(password);

    await settle();
    const entry = env.audit.list({ action: 'export' }, 0, 10).entries[0];
    expect(entry).toMatchObject({ entity: 'bundle', entityId: null, result: 'success' });
    expect(entry?.detail).toBe('3 devices, 6 templates, 7 credentials; passwords not included');
  });

  it('seals the passwords with the passphrase: neither appears in the file or the audit log', async () => {
    const { content } = await env.transfer.exportBundle(
      { includePasswords: true, passphrase: bundlePassphrase },
      actor,
    );
    const bundle = JSON.parse(content) as Exported;
    expect(bundle.secrets).toMatchObject({ kdf: { name: 'scrypt', N: 4096, r: 8, p: 1 } });
    for (const password of Object.values(passwords)) expect(content).not.toContain(password);
    expect(content).not.toContain(bundlePassphrase);
    await settle();
    const log = readText(dir.path, 'audit.jsonl');
    expect(log).not.toContain(bundlePassphrase);
    for (const password of Object.values(passwords)) expect(log).not.toContain(password);
    expect(env.audit.list({ action: 'export' }, 0, 10).entries[0]?.detail).toBe(
      '3 devices, 6 templates, 7 credentials; 3 passwords included, encrypted with the bundle passphrase',
    );
  });

  it('refuses passwords without a passphrase, or with the vault locked', async () => {
    await expect(env.transfer.exportBundle({ includePasswords: true }, actor)).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'passphrase',
    });
    const locked = new FakeVault();
    locked.state = 'locked';
    const other = makeTempDir();
    const lockedEnv = await openEnv(other.path, { vault: locked });
    try {
      const refusal = await lockedEnv.transfer
        .exportBundle({ includePasswords: true, passphrase: bundlePassphrase }, actor)
        .catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(ServiceError);
      expect(refusal).toMatchObject({ code: 'locked' });
      // Without passwords the vault is not needed.
      await expect(
        lockedEnv.transfer.exportBundle({ includePasswords: false }, actor),
      ).resolves.toBeDefined();
    } finally {
      await lockedEnv.close();
      other.remove();
    }
  });
});
