// `npx tsx test/bench/seed.ts [--data-dir DIR] [--devices 1000] [--credentials 10000]
//   [--passphrase-file F]`: builds a realistic bundle (devices of several types, sites and vendors
// with connectivity; a handful of templates per plugin; credentials of which about 30% JIT with
// valid references, tags, some inactive; passwords for the authentication credentials and some
// others) and imports it through the real core (createCore, the vault unlocked with the passphrase
// file, `transfer.import` through the dispatcher), printing how long the import took. Without
// --data-dir it seeds a new temp dir; without --passphrase-file it writes one beside it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  bundleFormat,
  bundleVersion,
  type Bundle,
  type BundleCredential,
  type BundleDevice,
  type BundleTemplate,
} from '../../shared/domain/bundle';
import type { Connectivity } from '../../shared/domain/device';
import type { PluginId } from '../../shared/domain/plugin';
import type { ExecutionType } from '../../shared/domain/template';
import { createCore } from '../../electron/core/compose';
import { createPluginRegistry } from '../../electron/plugins/registry';
import { sealPasswords } from '../../electron/services/transfer/secrets';
import { confBackendFactory } from '../../electron/storage/conf-backend';
import { ms } from './stats';

export interface SeedSize {
  readonly devices: number;
  readonly credentials: number;
}

interface DeviceKind {
  readonly prefix: string;
  readonly type: BundleDevice['type'];
  readonly plugin: PluginId | null;
  readonly vendors: readonly [vendor: string, product: string][];
  readonly connectivity: readonly Connectivity[];
  readonly admin: string;
  readonly users: readonly string[];
  /** Out of 100 devices. */
  readonly share: number;
}

const kinds: readonly DeviceKind[] = [
  {
    prefix: 'srv',
    type: 'Server',
    plugin: 'ssh',
    vendors: [
      ['Debian', 'Debian 12'],
      ['Red Hat', 'RHEL 9'],
      ['Canonical', 'Ubuntu 24.04'],
    ],
    connectivity: [{ protocol: 'SSH', port: 22 }],
    admin: 'root',
    users: ['deploy', 'svc_backup', 'operator', 'ansible', 'monitor', 'app', 'audit', 'oracle', 'www-data'],
    share: 40,
  },
  {
    prefix: 'pg',
    type: 'Database',
    plugin: 'postgresql',
    vendors: [['PostgreSQL', 'PostgreSQL 16']],
    connectivity: [
      { protocol: 'PostgreSQL', port: 5432 },
      { protocol: 'SSH', port: 22 },
    ],
    admin: 'postgres',
    users: [
      'app_rw',
      'app_ro',
      'reporting',
      'etl',
      'replicator',
      'analyst',
      'billing',
      'migrations',
      'grafana',
    ],
    share: 20,
  },
  {
    prefix: 'my',
    type: 'Database',
    plugin: 'mysql',
    vendors: [
      ['MariaDB', 'MariaDB 10.11'],
      ['Oracle', 'MySQL 8.0'],
    ],
    connectivity: [{ protocol: 'MySQL', port: 3306 }],
    admin: 'root',
    users: ['wordpress', 'shop_rw', 'shop_ro', 'backup', 'exporter', 'crm', 'support', 'batch', 'api'],
    share: 15,
  },
  {
    prefix: 'ldap',
    type: 'Directory',
    plugin: 'ldap',
    vendors: [['OpenLDAP', 'OpenLDAP 2.5']],
    connectivity: [
      { protocol: 'LDAP', port: 389 },
      { protocol: 'LDAPS', port: 636 },
    ],
    admin: 'cn=admin,dc=lab,dc=example',
    users: ['jdoe', 'asmith', 'mlopez', 'kwong', 'svc_vpn', 'svc_wiki', 'pbrown', 'tnguyen', 'rsilva'],
    share: 10,
  },
  {
    prefix: 'ws',
    type: 'Workstation',
    plugin: 'ssh',
    vendors: [['Canonical', 'Ubuntu Desktop 24.04']],
    connectivity: [{ protocol: 'SSH', port: 22 }],
    admin: 'root',
    users: ['helpdesk', 'localadmin', 'student', 'guest', 'kiosk', 'lab', 'dev', 'qa', 'intern'],
    share: 10,
  },
  {
    prefix: 'net',
    type: 'Network device',
    plugin: null,
    vendors: [
      ['Cisco', 'IOS XE'],
      ['Juniper', 'Junos'],
    ],
    connectivity: [
      { protocol: 'SSH', port: 22 },
      { protocol: 'HTTPS', port: 443 },
    ],
    admin: 'admin',
    users: ['netops', 'readonly', 'backup', 'noc', 'tacacs', 'monitor', 'automation', 'vendor', 'audit'],
    share: 5,
  },
];

const sites = ['Sao Paulo DC1', 'Sao Paulo DC2', 'Lisbon', 'Frankfurt', 'Virginia', 'Lab A', 'Lab B'];
const environments = ['prod', 'staging', 'dev'];

/** Deterministic choice: the same size gives the same bundle (bar the random passwords). */
const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;

function kindOf(index: number): DeviceKind {
  let slot = index % 100;
  for (const kind of kinds) {
    if (slot < kind.share) return kind;
    slot -= kind.share;
  }
  throw new Error('the shares of the device kinds must add up to 100');
}

/** Copies of the plugins' own templates ("Lab copy: …"), so every tag and line is valid. */
function seedTemplates(): { templates: BundleTemplate[]; refOf: (p: PluginId, t: ExecutionType) => string } {
  const templates: BundleTemplate[] = createPluginRegistry()
    .builtInTemplates()
    .map((t, i) => ({
      ref: `t${i + 1}`,
      name: `Lab copy: ${t.name}`,
      pluginId: t.pluginId,
      executionType: t.executionType,
      active: true,
      description: t.description,
      content: t.content,
    }));
  const refOf = (pluginId: PluginId, type: ExecutionType) => {
    const found = templates.find((t) => t.pluginId === pluginId && t.executionType === type);
    if (!found) throw new Error(`no ${pluginId} template for ${type}`);
    return found.ref;
  };
  return { templates, refOf };
}

const password = () => randomBytes(15).toString('base64');

/** The bundle (without its sealed secrets) and the passwords to seal, by credential ref. */
export function buildSeedBundle(size: SeedSize): { bundle: Bundle; passwords: Record<string, string> } {
  const { templates, refOf } = seedTemplates();
  const devices: BundleDevice[] = [];
  const credentials: BundleCredential[] = [];
  const passwords: Record<string, string> = {};
  const perDevice = Math.floor(size.credentials / size.devices);
  const extra = size.credentials % size.devices;

  for (let d = 0; d < size.devices; d++) {
    const kind = kindOf(d);
    const [vendor, product] = pick(kind.vendors, d);
    const site = pick(sites, d >> 2);
    const env = pick(environments, d);
    // 2% of devices are inactive: their credentials must be Inactive too, and none JIT.
    const deviceActive = d % 50 !== 49;
    const deviceRef = `d${d + 1}`;
    devices.push({
      ref: deviceRef,
      name: `${kind.prefix}-${site.toLowerCase().replace(/\s+/g, '')}-${String(d + 1).padStart(4, '0')}`,
      address: `10.${(d >> 16) & 255}.${(d >> 8) & 255}.${d & 255}`,
      type: kind.type,
      vendor,
      product,
      site,
      tags: [env, kind.prefix],
      active: deviceActive,
      connectivity: [...kind.connectivity],
      customFields: [],
    });

    const count = perDevice + (d < extra ? 1 : 0);
    const adminRef = `c${credentials.length + 1}`;
    for (let j = 0; j < count; j++) {
      const ref = `c${credentials.length + 1}`;
      const isAdmin = j === 0;
      const username = isAdmin ? kind.admin : `${pick(kind.users, j - 1)}${j > kind.users.length ? j : ''}`;
      const jit = deviceActive && !isAdmin && kind.plugin !== null && j % 3 === 1;
      const inactive = !deviceActive || (!isAdmin && !jit && (d + j) % 19 === 0);
      const plugin = kind.plugin ?? 'ssh';
      const enableDisable = (d + j) % 2 === 0;
      credentials.push({
        ref,
        deviceRef,
        customFields: [],
        username,
        type: isAdmin ? 'Local administrator' : kind.type === 'Directory' ? 'Domain user' : 'Local user',
        domain: kind.type === 'Directory' ? 'dc=lab,dc=example' : '',
        additionalInfo: kind.type === 'Database' ? pick(['app', 'shop', 'billing', 'analytics'], d + j) : '',
        status: inactive ? 'Inactive' : 'Active',
        tags: jit ? [env, 'jit'] : [env],
        jit: jit
          ? {
              enabled: true,
              type: enableDisable ? 'enable_disable' : 'create_delete',
              useOwnCredential: false,
              enablePluginId: enableDisable ? plugin : null,
              disablePluginId: enableDisable ? plugin : null,
              createPluginId: enableDisable ? null : plugin,
              deletePluginId: enableDisable ? null : plugin,
            }
          : {
              enabled: false,
              type: null,
              useOwnCredential: false,
              enablePluginId: null,
              disablePluginId: null,
              createPluginId: null,
              deletePluginId: null,
            },
        jitRefs: {
          authCredentialRef: jit ? adminRef : null,
          enableTemplateRef: jit && enableDisable ? refOf(plugin, 'Credential enable') : null,
          disableTemplateRef: jit && enableDisable ? refOf(plugin, 'Credential disable') : null,
          createTemplateRef: jit && !enableDisable ? refOf(plugin, 'New user') : null,
          deleteTemplateRef: jit && !enableDisable ? refOf(plugin, 'User delete') : null,
        },
      });
      // The authentication credentials have passwords, and about one in five of the others.
      if (isAdmin || (d + j) % 5 === 0) passwords[ref] = password();
    }
  }

  const bundle: Bundle = {
    format: bundleFormat,
    version: bundleVersion,
    exportedAt: new Date().toISOString(),
    devices,
    templates,
    builtInTemplates: [],
    credentials,
    secrets: null,
  };
  return { bundle, passwords };
}

/**
 * The seeding cores stay referenced: a core has no way to close its audit log's file handle, and
 * Node warns when the garbage collector closes one.
 */
const retainedCores: unknown[] = [];

export interface SeedResult {
  readonly dataDir: string;
  readonly passphraseFile: string;
  readonly devices: number;
  readonly templates: number;
  readonly credentials: number;
  readonly jit: number;
  readonly passwords: number;
  readonly bundleBytes: number;
  readonly importMs: number;
}

/**
 * Seeds `dataDir` through the real core: the bundle's passwords sealed with a bundle passphrase
 * (the production scrypt cost), the vault set up or unlocked with the passphrase file.
 */
export async function seed(
  options: SeedSize & { dataDir?: string; passphraseFile?: string },
): Promise<SeedResult> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'jit-seed-'));
  let passphraseFile = options.passphraseFile;
  if (passphraseFile === undefined) {
    passphraseFile = join(mkdtempSync(join(tmpdir(), 'jit-seed-pass-')), 'passphrase');
    writeFileSync(passphraseFile, `${randomBytes(18).toString('base64')}\n`, { mode: 0o600 });
  }
  const { bundle, passwords } = buildSeedBundle(options);
  const bundlePassphrase = randomBytes(18).toString('base64');
  bundle.secrets = await sealPasswords(passwords, bundlePassphrase);
  const content = JSON.stringify(bundle, null, 2);

  const core = createCore({ dataDir, shell: 'browser', createBackend: confBackendFactory });
  retainedCores.push(core);
  try {
    await core.unlockWithPassphraseFile(passphraseFile);
    if (core.vault.status().state !== 'unlocked')
      throw new Error(`the passphrase file did not unlock ${dataDir}`);
    const started = performance.now();
    const result = await core.dispatcher.dispatch(
      'transfer.import',
      { content, passphrase: bundlePassphrase },
      core.context('internal'),
    );
    const importMs = performance.now() - started;
    if (!result.ok) throw new Error(`transfer.import failed: ${result.code} ${result.message}`);
    const outcome = result.value as { applied: boolean; problems?: { path: string; message: string }[] };
    if (!outcome.applied) {
      const first = (outcome.problems ?? []).slice(0, 10).map((p) => `  ${p.path}: ${p.message}`);
      throw new Error(`the bundle was refused:\n${first.join('\n')}`);
    }
    return {
      dataDir,
      passphraseFile,
      devices: bundle.devices.length,
      templates: bundle.templates.length,
      credentials: bundle.credentials.length,
      jit: bundle.credentials.filter((c) => c.jit.enabled).length,
      passwords: Object.keys(passwords).length,
      bundleBytes: Buffer.byteLength(content),
      importMs,
    };
  } finally {
    core.close();
  }
}

function parseArgs(argv: readonly string[]) {
  const options: { dataDir?: string; passphraseFile?: string; devices: number; credentials: number } = {
    devices: 1000,
    credentials: 10_000,
  };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${argv[i] ?? ''} needs a value`);
    switch (argv[i]) {
      case '--data-dir':
        options.dataDir = value;
        break;
      case '--passphrase-file':
        options.passphraseFile = value;
        break;
      case '--devices':
        options.devices = Number(value);
        break;
      case '--credentials':
        options.credentials = Number(value);
        break;
      default:
        throw new Error(`Unknown option ${argv[i] ?? ''}`);
    }
    i++;
  }
  if (!(options.devices >= 1) || !(options.credentials >= options.devices)) {
    throw new Error('--devices must be at least 1 and --credentials at least --devices');
  }
  return options;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await seed(parseArgs(process.argv.slice(2)));
  console.log(
    `seeded ${result.devices} devices, ${result.templates} templates, ${result.credentials} credentials ` +
      `(${result.jit} JIT, ${result.passwords} passwords; bundle ${(result.bundleBytes / 1e6).toFixed(1)} MB)`,
  );
  console.log(`data dir: ${result.dataDir}`);
  console.log(`passphrase file: ${result.passphraseFile}`);
  console.log(`import (transfer.import through the core's dispatcher): ${ms(result.importMs)}`);
}
