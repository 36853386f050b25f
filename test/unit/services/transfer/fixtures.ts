/**
 * What the transfer tests share: the inventory over real files in a temp dir (as compose.ts builds
 * it) with either the real VaultService (cheap scrypt) or the fake one, a storage backend whose
 * writes can be made to fail, the TransferService, and a data set that uses every field and both
 * JIT types.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { EventName } from '../../../../shared/contract';
import { defaultSettings } from '../../../../shared/domain/settings';
import { AuditLog } from '../../../../electron/audit/audit-log';
import { EventBus } from '../../../../electron/platform/event-bus';
import { createInventory } from '../../../../electron/services/inventory';
import type { PluginBuiltInTemplate } from '../../../../electron/plugins/builtin-template';
import { TransferService } from '../../../../electron/services/transfer/transfer-service';
import { confBackendFactory } from '../../../../electron/storage/conf-backend';
import { ConfigStore } from '../../../../electron/storage/config-store';
import type { BackendFactory } from '../../../../electron/storage/document-backend';
import type { SecretVault } from '../../../../electron/vault/secret-vault';
import { VaultService } from '../../../../electron/vault/vault-service';
import { FakeVault } from '../fake-vault';
import { actor, credential, device, FixedClock, keep, setPassword, template } from '../harness';

export const testCost = { N: 2 ** 12, r: 8, p: 1 };
export const masterPassphrase = 'vault master passphrase';
export const bundlePassphrase = 'bundle passphrase 42';

/**
 * Stores (`config`, `credentials`) whose next writes throw, as a full disk would. `credentials`
 * covers its manifest and every id-range file in the `credentials/` folder.
 */
export class FailingWrites {
  readonly failing = new Set<string>();
  /** Stores whose next write fails, once. */
  readonly failOnce = new Set<string>();
  readonly factory: BackendFactory = (dir, name) => {
    const backend = confBackendFactory(dir, name);
    const store = name.startsWith('ids-') ? basename(dir) : name;
    return {
      path: backend.path,
      read: () => backend.read(),
      write: (document) => {
        if (this.failing.has(store) || this.failOnce.delete(store))
          throw new Error(`write of ${store} failed (test)`);
        backend.write(document);
      },
    };
  };
}

export interface OpenOptions {
  /** 'real': the VaultService with a cheap scrypt, set up or unlocked with `masterPassphrase`. */
  readonly vault?: 'real' | FakeVault;
  readonly writes?: FailingWrites;
}

export async function openEnv(dir: string, options: OpenOptions = {}) {
  const clock = new FixedClock();
  const events = new EventBus();
  const emitted: { event: EventName; payload: unknown }[] = [];
  events.subscribe((event, payload) => emitted.push({ event, payload }));
  const writes = options.writes ?? new FailingWrites();
  const now = () => clock.now();
  const config = ConfigStore.open({ dir, name: 'config', createBackend: writes.factory, now });
  const audit = AuditLog.open({ dir, clock, events });
  let vault: SecretVault;
  let realVault: VaultService | undefined;
  if (options.vault === 'real') {
    realVault = new VaultService({ dataDir: dir, events, audit, clock, scryptCost: testCost });
    if (realVault.status().state === 'uninitialized') await realVault.setup(masterPassphrase, actor);
    else await realVault.unlock(masterPassphrase, actor);
    vault = realVault;
  } else {
    vault = options.vault ?? new FakeVault();
  }
  const inventory = createInventory({
    dataDir: dir,
    config,
    createBackend: writes.factory,
    clock,
    events,
    audit,
    vault,
    settings: () => defaultSettings,
  });
  const transfer = new TransferService({ inventory, vault, audit, clock, scryptCost: testCost });
  const close = async () => {
    config.flush();
    inventory.flush();
    realVault?.flush();
    await audit.close();
  };
  return { ...inventory, transfer, vault, realVault, audit, events, emitted, clock, config, writes, close };
}
export type Env = Awaited<ReturnType<typeof openEnv>>;

/** The built-ins a plugin would install: every installation has them, under the same keys. */
export const builtIns: PluginBuiltInTemplate[] = [
  {
    key: 'ssh:ssh.enable-user',
    name: 'SSH: enable user',
    pluginId: 'ssh',
    executionType: 'Credential enable',
    description: 'Built in',
    content: 'exec "usermod -U [#USERNAME#]"\n',
  },
];

export const passwords = {
  admin: 'Adm1n-pa$$word',
  dba: 'Db@-pa$$word-2',
  ephemeralAdmin: 'Cr3ate-own-pw',
} as const;

/**
 * Two devices, user templates for SSH and PostgreSQL (one inactive, one with a description), a
 * built-in, and credentials covering every field: both JIT types, an authentication credential,
 * one using a built-in, one whose JIT is off but keeps its choices, an inactive one, a deleted one.
 */
export async function seedRich(env: Env) {
  await env.templates.installBuiltIns(builtIns);
  const builtIn = env.templates.rows().find((t) => t.builtIn);
  if (!builtIn) throw new Error('built-in not installed');
  const web = await env.devices.save(
    undefined,
    device({
      name: 'web-01',
      address: 'web-01.lab.example',
      vendor: 'Debian',
      product: 'Debian 12',
      site: 'Lab A',
      tags: ['prod', 'linux'],
      connectivity: [{ protocol: 'SSH', port: 2222 }],
    }),
    actor,
  );
  const db = await env.devices.save(
    undefined,
    device({
      name: 'db-01',
      address: '10.0.0.5',
      type: 'Database',
      vendor: 'PostgreSQL',
      connectivity: [
        { protocol: 'PostgreSQL', port: 5432 },
        { protocol: 'SSH', port: 22 },
      ],
    }),
    actor,
  );
  const spare = await env.devices.save(
    undefined,
    device({ name: 'spare-01', address: '10.0.0.9', active: false }),
    actor,
  );
  const t = async (name: string, pluginId: 'ssh' | 'postgresql', executionType: string, extra = {}) =>
    env.templates.save(
      undefined,
      template({
        name,
        pluginId,
        executionType: executionType as 'New user',
        content:
          pluginId === 'ssh' ? `exec "echo ${name} [#USERNAME#]"\n` : `ALTER ROLE "[#USERNAME#]" LOGIN;\n`,
        ...extra,
      }),
      actor,
    );
  const disable = await t('Disable', 'ssh', 'Credential disable', { description: 'Locks the account' });
  const create = await t('Create', 'ssh', 'New user');
  const remove = await t('Delete', 'ssh', 'User delete');
  const pgEnable = await t('PG enable', 'postgresql', 'Credential enable');
  const pgDisable = await t('PG disable', 'postgresql', 'Credential disable');
  await t('Old', 'ssh', 'Password change', { active: false });

  const admin = await env.credentials.save(
    undefined,
    credential({
      username: 'admin',
      deviceId: web.id,
      tags: ['ops'],
      domain: 'LAB',
      additionalInfo: 'sudoer',
    }),
    setPassword(passwords.admin),
    actor,
  );
  const dba = await env.credentials.save(
    undefined,
    credential({ username: 'postgres', deviceId: db.id, type: 'Local user', additionalInfo: 'postgres' }),
    setPassword(passwords.dba),
    actor,
  );
  await env.credentials.save(
    undefined,
    credential({
      username: 'deploy',
      deviceId: web.id,
      type: 'Local user',
      tags: ['jit'],
      jit: {
        enabled: true,
        type: 'enable_disable',
        useOwnCredential: false,
        authCredentialId: admin.id,
        enablePluginId: 'ssh',
        enableTemplateId: builtIn.id,
        disablePluginId: 'ssh',
        disableTemplateId: disable.id,
        // Kept choices of the other section: they must survive the round trip.
        createPluginId: 'ssh',
        createTemplateId: create.id,
      },
    }),
    keep,
    actor,
  );
  await env.credentials.save(
    undefined,
    credential({
      username: 'provisioner',
      deviceId: web.id,
      jit: {
        enabled: true,
        type: 'create_delete',
        useOwnCredential: true,
        createPluginId: 'ssh',
        createTemplateId: create.id,
        deletePluginId: 'ssh',
        deleteTemplateId: remove.id,
      },
    }),
    setPassword(passwords.ephemeralAdmin),
    actor,
  );
  await env.credentials.save(
    undefined,
    credential({
      username: 'app_ro',
      deviceId: db.id,
      type: 'Domain user',
      domain: 'CORP',
      jit: {
        enabled: true,
        type: 'enable_disable',
        authCredentialId: dba.id,
        enablePluginId: 'postgresql',
        enableTemplateId: pgEnable.id,
        disablePluginId: 'postgresql',
        disableTemplateId: pgDisable.id,
      },
    }),
    keep,
    actor,
  );
  await env.credentials.save(
    undefined,
    credential({
      username: 'paused',
      deviceId: web.id,
      status: 'Inactive',
      jit: { enabled: false, type: 'enable_disable', authCredentialId: admin.id, enablePluginId: 'ssh' },
    }),
    keep,
    actor,
  );
  await env.credentials.save(
    undefined,
    credential({ username: 'backup', deviceId: spare.id, status: 'Inactive' }),
    keep,
    actor,
  );
  const gone = await env.credentials.save(
    undefined,
    credential({ username: 'gone', deviceId: web.id }),
    keep,
    actor,
  );
  await env.credentials.delete(gone.id, actor);
}

/**
 * Everything an import must carry over, with ids replaced by names: devices and templates by
 * name, credentials by `user @ device`, JIT links by the name of what they point at.
 */
export function snapshot(env: Env) {
  const deviceName = new Map(env.devices.list().map((d) => [d.id, d.name]));
  const templateName = new Map(env.templates.rows().map((t) => [t.id, `${t.pluginId}/${t.name}`]));
  const rows = env.credentials.exportRows();
  const label = new Map(rows.map((c) => [c.id, `${c.username} @ ${deviceName.get(c.deviceId) ?? '?'}`]));
  const tName = (id: number | null) => (id === null ? null : (templateName.get(id) ?? `missing ${id}`));
  return {
    devices: env.devices
      .list()
      .map(({ id: _id, createdAt: _c, updatedAt: _u, ...d }) => d)
      .sort((a, b) => a.name.localeCompare(b.name)),
    templates: env.templates
      .rows()
      .map(({ id: _id, createdAt: _c, updatedAt: _u, ...t }) => t)
      .sort((a, b) => `${a.pluginId}/${a.name}`.localeCompare(`${b.pluginId}/${b.name}`)),
    credentials: rows
      .map(({ id, deviceId, createdAt: _c, updatedAt: _u, jit, ...c }) => ({
        ...c,
        label: label.get(id),
        device: deviceName.get(deviceId),
        hasPassword: env.vault.has(`credential:${id}`),
        jit: {
          ...jit,
          authCredentialId:
            jit.authCredentialId === null ? null : (label.get(jit.authCredentialId) ?? 'missing'),
          enableTemplateId: tName(jit.enableTemplateId),
          disableTemplateId: tName(jit.disableTemplateId),
          createTemplateId: tName(jit.createTemplateId),
          deleteTemplateId: tName(jit.deleteTemplateId),
        },
      }))
      .sort((a, b) => (a.label ?? '').localeCompare(b.label ?? '')),
  };
}

/** Every file of the data dir (and its folders) with its bytes, to prove a refused import wrote nothing. */
export function filesOf(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) =>
    statSync(join(dir, name)).isFile(),
  );
  return Object.fromEntries(files.map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
