/**
 * Credential list latency at 10,000 credentials on 1,000 devices (a script, not a test: timings
 * never make a test fail). Run: `npx tsx test/bench/credential-list.ts`.
 *
 * Rows are put straight into the tables (saving 10,000 through the service would mostly measure
 * 10,000 audit fsyncs), then the service is built over them as at start-up.
 */
import { performance } from 'node:perf_hooks';
import { credentialQuerySchema, type CredentialQuery } from '../../shared/contract/credentials';
import { credentialInputSchema } from '../../shared/domain/credential';
import { deviceInputSchema } from '../../shared/domain/device';
import { defaultSettings } from '../../shared/domain/settings';
import { EventBus } from '../../electron/platform/event-bus';
import { unjournaled } from '../../electron/services/change-journal';
import { CredentialService, vaultRef } from '../../electron/services/credentials/credential-service';
import { credentialsHandlers } from '../../electron/core/handlers/credentials';
import { Dispatcher, type AllHandlers } from '../../electron/core/dispatcher';
import { confBackendFactory } from '../../electron/storage/conf-backend';
import { ConfigStore } from '../../electron/storage/config-store';
import { EntityTable, sectionStorage } from '../../electron/storage/entity-table';
import type { StoredCredential, StoredDevice, StoredTemplate } from '../../electron/services/stored-records';
import { RecordingAudit } from '../support/recording-audit';
import { makeTempDir } from '../support/temp-dir';
import { FakeVault } from '../unit/services/fake-vault';

const devicesCount = 1000;
const credentialsCount = 10_000;
const dir = makeTempDir('jit-bench-');
const now = () => new Date('2026-11-29T10:00:00.000Z');
const at = now().toISOString();
const store = ConfigStore.open({ dir: dir.path, name: 'config', createBackend: confBackendFactory, now });
const empty = { rows: [], nextId: 1 };
const devices = new EntityTable<StoredDevice>(sectionStorage(store, 'devices'), empty);
const templates = new EntityTable<StoredTemplate>(sectionStorage(store, 'templates'), empty);
const credentials = new EntityTable<StoredCredential>(sectionStorage(store, 'credentials'), empty);
const vault = new FakeVault();

const deviceRows: StoredDevice[] = [];
for (let i = 1; i <= devicesCount; i++) {
  const kind = ['web', 'db', 'ldap', 'app'][i % 4] ?? 'x';
  deviceRows.push({
    ...deviceInputSchema.parse({
      name: `${kind}-${i}`,
      address: `10.${i >> 8}.${i & 255}.1`,
      type: 'Server',
      site: `site-${i % 7}`,
    }),
    id: i,
    createdAt: at,
    updatedAt: at,
  });
}
const credentialRows: StoredCredential[] = [];
const users = [
  'root',
  'admin',
  'postgres',
  'oracle',
  'svc_backup',
  'deploy',
  'mysql',
  'ldapadmin',
  'operator',
  'audit',
];
for (let i = 1; i <= credentialsCount; i++) {
  credentialRows.push({
    ...credentialInputSchema.parse({
      username: `${users[i % users.length] ?? 'u'}${i % 13}`,
      type: (['Local user', 'Local administrator', 'Domain user'] as const)[i % 3],
      deviceId: (i % devicesCount) + 1,
      domain: i % 5 === 0 ? 'LAB' : '',
      additionalInfo: i % 4 === 0 ? `db_${i % 50}` : '',
      status: i % 9 === 0 ? 'Inactive' : 'Active',
      tags: i % 3 === 0 ? ['prod', `team${i % 4}`] : ['test'],
      jit: { enabled: i % 4 === 0 },
    }),
    id: i,
    deleted: i % 97 === 0,
    createdAt: at,
    updatedAt: at,
    lastUsedAt: null,
  });
  if (i % 2 === 0) vault.secrets.set(vaultRef(i), 'x');
}
await Promise.all([devices.put(...deviceRows), credentials.put(...credentialRows)]);

let t = performance.now();
const service = new CredentialService({
  table: credentials,
  devices,
  templates,
  vault,
  audit: Object.assign(new RecordingAudit(), { forEntity: () => [] }),
  events: new EventBus(),
  clock: { now },
  settings: () => defaultSettings,
  changes: unjournaled,
});
console.log(`index build at start-up: ${(performance.now() - t).toFixed(1)} ms`);

const queries: [string, CredentialQuery][] = [
  ['default (id asc, first page of 100)', {}],
  ['sort username desc', { sort: { field: 'username', direction: 'desc' } }],
  ['filter username "post"', { filter: { username: 'post' } }],
  ['filter device "db-1"', { filter: { device: 'db-1' } }],
  ['filter jit yes + status Active + tag prod', { filter: { jit: 'yes', status: 'Active', tags: ['prod'] } }],
  ['Just In Time, sort domain asc', { jitOnly: true, sort: { field: 'domain', direction: 'asc' } }],
  ['last page, limit 1000', { offset: 9000, limit: 1000 }],
];

const time = (run: () => void, times: number) => {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return {
    first: samples.length === 1 ? samples[0] : undefined,
    median: samples[Math.floor(samples.length / 2)] ?? 0,
    max: samples.at(-1) ?? 0,
  };
};

console.log(`\n${credentialsCount} credentials on ${devicesCount} devices; service.list():`);
for (const [label, query] of queries) {
  const parsed = credentialQuerySchema.parse(query);
  // The first call per sort column builds and caches its order (also after any write).
  const cold = time(() => service.list(parsed), 1);
  const warm = time(() => service.list(parsed), 50);
  const total = service.list(parsed).total;
  console.log(
    `  ${label.padEnd(44)} total ${String(total).padStart(5)}  first ${cold.median.toFixed(1).padStart(6)} ms  ` +
      `then median ${warm.median.toFixed(1).padStart(5)} ms, max ${warm.max.toFixed(1)} ms`,
  );
}

// A write invalidates the cached orders: the next call per column pays one full sort.
const touched = credentialRows[0];
if (touched) {
  await service.save(touched.id, { ...touched, domain: 'CHANGED' }, { action: 'keep' }, 'bench');
  const afterWrite = time(
    () => service.list(credentialQuerySchema.parse({ sort: { field: 'username', direction: 'asc' } })),
    1,
  );
  console.log(`\nfirst list after a save (re-sort by username): ${afterWrite.median.toFixed(1)} ms`);
  const save = time(
    () =>
      void service.save(touched.id, { ...touched, domain: `D${Math.random()}` }, { action: 'keep' }, 'bench'),
    1,
  );
  console.log(`save (rules on the core's data, synchronous part): ${save.median.toFixed(1)} ms`);
}

const options = time(() => service.options({ search: 'post', limit: 50 }), 50);
console.log(
  `options (search "post", 50 of them, for the Authentication credential field): ${options.median.toFixed(1)} ms`,
);

// Through the dispatcher: input parsing and output validation of a 100-row page included.
const dispatcher = new Dispatcher(credentialsHandlers(service) as unknown as AllHandlers);
const ctx = { transport: 'internal', actor: 'bench' } as const;
const viaDispatcher = [];
for (let i = 0; i < 30; i++) {
  const start = performance.now();
  await dispatcher.dispatch(
    'credentials.list',
    { filter: { username: 'root' }, sort: { field: 'username', direction: 'asc' } },
    ctx,
  );
  viaDispatcher.push(performance.now() - start);
}
viaDispatcher.sort((a, b) => a - b);
console.log(
  `dispatcher credentials.list (100 rows, output validated): median ${(viaDispatcher[15] ?? 0).toFixed(1)} ms`,
);

t = performance.now();
await service.exportCsv(credentialQuerySchema.omit({ offset: true, limit: true }).parse({}), 'bench');
console.log(`exportCsv of everything: ${(performance.now() - t).toFixed(1)} ms`);
dir.remove();
