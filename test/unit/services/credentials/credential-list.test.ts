import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialQuerySchema, type CredentialQuery } from '../../../../shared/contract/credentials';
import { makeTempDir } from '../../../support/temp-dir';
import {
  actor,
  credential,
  device,
  enableDisableJit,
  keep,
  openServices,
  seedJit,
  setPassword,
  type Services,
} from '../harness';

let dir: ReturnType<typeof makeTempDir>;
let s: Services;
const ids: Record<string, number> = {};

// One data set for all list tests (they only read, except the last two, which restore what they change).
beforeAll(async () => {
  dir = makeTempDir();
  s = openServices(dir.path);
  const seed = await seedJit(s); // web-01 (id 1) with admin, and the templates
  const db10 = await s.devices.save(
    undefined,
    device({ name: 'db-10', address: 'db10.lab', type: 'Database', site: 'Lisbon' }),
    actor,
  );
  const db2 = await s.devices.save(
    undefined,
    device({ name: 'DB-2', address: '10.0.0.2', type: 'Database' }),
    actor,
  );
  ids.admin = seed.admin.id;
  const add = async (name: string, input: Parameters<typeof credential>[0], password = keep) =>
    (ids[name] = (await s.credentials.save(undefined, credential(input), password, actor)).id);
  await add('zed', { username: 'zed', deviceId: seed.web.id, type: 'Local user', tags: ['prod', 'linux'] });
  await add('Bob', { username: 'Bob', deviceId: seed.web.id, domain: 'LAB', jit: enableDisableJit(seed) });
  await add('postgres', { username: 'postgres', deviceId: db10.id, additionalInfo: 'sales', tags: ['prod'] });
  await add('alice', { username: 'alice', deviceId: db10.id, status: 'Inactive', type: 'Domain user' });
  await add('mysql', { username: 'mysql', deviceId: db2.id, jit: enableDisableJit(seed) }, setPassword('pw'));
  await add('gone', { username: 'gone', deviceId: db2.id });
  await s.credentials.delete(ids.gone ?? 0, actor);
});
afterAll(async () => {
  await s.audit.close();
  dir.remove();
});

const list = (query: CredentialQuery = {}) => s.credentials.list(credentialQuerySchema.parse(query));
const names = (query: CredentialQuery = {}) => list(query).rows.map((r) => r.username);

describe('credential list', () => {
  it('groups by device name (natural, case-insensitive), sorted by id within a group by default', () => {
    const page = list();
    expect(page.rows.map((r) => r.username)).toEqual(['mysql', 'postgres', 'alice', 'admin', 'zed', 'Bob']);
    expect(page.total).toBe(6); // the deleted one is hidden
    expect(page.devices.map((d) => d.name)).toEqual(['DB-2', 'db-10', 'web-01']);
    expect(page.devices[1]).toEqual({
      id: 2,
      name: 'db-10',
      address: 'db10.lab',
      type: 'Database',
      vendor: '',
      site: 'Lisbon',
      active: true,
      protocols: [],
    });
    expect(page.rows.every((r) => r.sessionStatus === 'None' && !('password' in r))).toBe(true);
    expect(page.rows.find((r) => r.username === 'mysql')?.hasPassword).toBe(true);
  });

  it('sorts by the chosen column within each device group, groups staying by device name', () => {
    expect(names({ sort: { field: 'username', direction: 'asc' } })).toEqual([
      'mysql',
      'alice',
      'postgres',
      'admin',
      'Bob',
      'zed',
    ]);
    expect(names({ sort: { field: 'username', direction: 'desc' } })).toEqual([
      'mysql',
      'postgres',
      'alice',
      'zed',
      'Bob',
      'admin',
    ]);
    expect(names({ sort: { field: 'jit', direction: 'desc' } })).toEqual([
      'mysql',
      'postgres',
      'alice',
      'Bob',
      'admin',
      'zed',
    ]);
    expect(names({ sort: { field: 'type', direction: 'asc' } })).toEqual([
      'mysql',
      'alice',
      'postgres',
      'admin',
      'Bob',
      'zed',
    ]);
  });

  it('filters on the server: user name, device name or address, JIT, status, type, all tags', () => {
    expect(names({ filter: { username: 'O' } })).toEqual(['postgres', 'Bob']);
    expect(names({ filter: { device: 'DB' } })).toEqual(['mysql', 'postgres', 'alice']);
    expect(names({ filter: { device: '10.0.0.2' } })).toEqual(['mysql']);
    expect(names({ filter: { jit: 'yes' } })).toEqual(['mysql', 'Bob']);
    expect(names({ filter: { jit: 'no' } })).toEqual(['postgres', 'alice', 'admin', 'zed']);
    expect(names({ filter: { status: 'Inactive' } })).toEqual(['alice']);
    expect(names({ filter: { type: 'Local user' } })).toEqual(['zed']);
    expect(names({ filter: { tags: ['PROD'] } })).toEqual(['postgres', 'zed']);
    expect(names({ filter: { tags: ['prod', 'linux'] } })).toEqual(['zed']);
    expect(names({ filter: { username: 'o', device: 'web' } })).toEqual(['Bob']);
  });

  it('Just In Time shows JIT credentials only, whatever the filter says', () => {
    expect(names({ jitOnly: true })).toEqual(['mysql', 'Bob']);
    expect(names({ jitOnly: true, filter: { jit: 'no' } })).toEqual(['mysql', 'Bob']);
  });

  it('pages after filtering and sorting, with the total of all pages and the devices of this page', () => {
    const page = list({ offset: 2, limit: 2 });
    expect(page.total).toBe(6);
    expect(page.rows.map((r) => r.username)).toEqual(['alice', 'admin']);
    expect(page.devices.map((d) => d.name)).toEqual(['db-10', 'web-01']);
    expect(list({ offset: 6 }).rows).toEqual([]);
  });

  it('follows changes: a renamed device moves its group, an edited credential its row', async () => {
    expect(names({ sort: { field: 'username', direction: 'asc' } })[0]).toBe('mysql');
    const db2 = device({ name: 'DB-2', address: '10.0.0.2', type: 'Database' });
    await s.devices.save(3, { ...db2, name: 'zz-db' }, actor);
    expect(names({ sort: { field: 'username', direction: 'asc' } }).at(-1)).toBe('mysql');
    await s.devices.save(3, db2, actor);

    await s.credentials.save(
      ids.zed,
      credential({ username: 'aaron', deviceId: 1, type: 'Local user', tags: ['prod', 'linux'] }),
      keep,
      actor,
    );
    expect(names({ sort: { field: 'username', direction: 'asc' } })).toEqual([
      'mysql',
      'alice',
      'postgres',
      'aaron',
      'admin',
      'Bob',
    ]);
  });

  it('exports the filtered list in list order as CSV, with formula cells neutralised', async () => {
    await s.credentials.save(
      ids.postgres,
      credential({ username: '=cmd()', deviceId: 2, additionalInfo: 'a,"b"', tags: ['prod'] }),
      keep,
      actor,
    );
    const { csv, count } = await s.credentials.exportCsv(
      credentialQuerySchema.omit({ offset: true, limit: true }).parse({ filter: { device: 'db-10' } }),
      actor,
    );
    expect(count).toBe(2);
    expect(csv.split('\r\n')).toEqual([
      'ID,Device,Address,Type,Just in time,Just in time type,Username,Additional information,Domain,Status,Tags,Last use,Session status',
      `${ids.postgres},db-10,db10.lab,Local administrator,No,,'=cmd(),"a,""b""",,Active,prod,,None`,
      `${ids.alice},db-10,db10.lab,Domain user,No,,alice,,,Inactive,,,None`,
      '',
    ]);
    expect(s.audit.list({ action: 'export' }, 0, 1).entries[0]).toMatchObject({
      entity: 'credential',
      entityId: null,
      detail: '2 credentials exported as CSV (no passwords)',
    });
  });
});
