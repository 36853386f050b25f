import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methodNames } from '../../../../shared/contract';
import { credentialOptionsQuerySchema } from '../../../../shared/contract/credentials';
import { fail } from '../../../../shared/result';
import { Dispatcher, type AllHandlers } from '../../../../electron/core/dispatcher';
import { credentialsHandlers } from '../../../../electron/core/handlers/credentials';
import { DeviceOrderCache, FirstRows } from '../../../../electron/services/credentials/credential-options';
import type { StoredCredential, StoredDevice } from '../../../../electron/services/stored-records';
import { makeTempDir } from '../../../support/temp-dir';
import { actor, credential, device, keep, openServices, setPassword, type Services } from '../harness';

let dir: ReturnType<typeof makeTempDir>;
let s: Services;
beforeEach(() => {
  dir = makeTempDir();
  s = openServices(dir.path);
});
afterEach(async () => {
  await s.audit.close();
  dir.remove();
});

/** `user @ device` per row, the way the drop-downs show them. */
const labels = (result: { rows: readonly { username: string; deviceName: string }[] }) =>
  result.rows.map((r) => `${r.username} @ ${r.deviceName}`);

/**
 * Devices web-10, web-2 and db-01 (made in that order, so ids do not follow names) and their
 * credentials; db-01's `old` is deleted and `Zed` is inactive without a password.
 */
async function seed() {
  const web10 = await s.devices.save(undefined, device({ name: 'web-10', address: '10.0.0.10' }), actor);
  const web2 = await s.devices.save(undefined, device({ name: 'web-2', address: '10.0.0.2' }), actor);
  const db = await s.devices.save(undefined, device({ name: 'db-01', address: '10.0.0.3' }), actor);
  const add = (username: string, deviceId: number, password = true) =>
    s.credentials.save(
      undefined,
      credential({ username, deviceId }),
      password ? setPassword('pw-123456') : keep,
      actor,
    );
  const rootWeb10 = await add('root', web10.id);
  const adminWeb10 = await add('Admin', web10.id);
  const rootWeb2 = await add('root', web2.id);
  const postgres = await add('postgres', db.id);
  const old = await add('old', db.id);
  await s.credentials.delete(old.id, actor);
  const zed = await s.credentials.save(
    undefined,
    credential({ username: 'Zed', deviceId: db.id, status: 'Inactive' }),
    keep,
    actor,
  );
  return { web10, web2, db, rootWeb10, adminWeb10, rootWeb2, postgres, old, zed };
}

describe('CredentialService.options', () => {
  it('orders by device name (as people read it), then user name ignoring case, then id', async () => {
    await seed();
    const result = s.credentials.options();
    expect(labels(result)).toEqual([
      'postgres @ db-01',
      'Zed @ db-01',
      'root @ web-2',
      'Admin @ web-10',
      'root @ web-10',
    ]);
    expect(result.total).toBe(5);
  });

  it('preferDeviceId: that device’s matches first, then the others, the limit over both', async () => {
    const { web10, zed } = await seed();
    expect(labels(s.credentials.options({ preferDeviceId: web10.id }))).toEqual([
      'Admin @ web-10',
      'root @ web-10',
      'postgres @ db-01',
      'Zed @ db-01',
      'root @ web-2',
    ]);
    const limited = s.credentials.options({ preferDeviceId: web10.id, limit: 3, ids: [zed.id] });
    expect(labels(limited)).toEqual(['Zed @ db-01', 'Admin @ web-10', 'root @ web-10', 'postgres @ db-01']);
    expect(limited.total).toBe(5);
    // A search narrows both parts; unpreferred, web-2 would come before web-10.
    expect(labels(s.credentials.options({ preferDeviceId: web10.id, search: 'ro' }))).toEqual([
      'root @ web-10',
      'root @ web-2',
    ]);
  });

  it('exceptIds: never returned, not even asked for by id, nor counted', async () => {
    const { postgres, zed } = await seed();
    const result = s.credentials.options({ exceptIds: [postgres.id], ids: [postgres.id, zed.id] });
    expect(labels(result)).toEqual(['Zed @ db-01', 'root @ web-2', 'Admin @ web-10', 'root @ web-10']);
    expect(result.total).toBe(4);
  });

  it('usable: only active, not deleted, with a password; the limit counts those only', async () => {
    const seeded = await seed();
    // Admin @ web-10 loses its password; root @ web-2 becomes inactive.
    await s.credentials.save(
      seeded.adminWeb10.id,
      credential({ username: 'Admin', deviceId: seeded.web10.id }),
      { action: 'clear' },
      actor,
    );
    await s.credentials.save(
      seeded.rootWeb2.id,
      credential({ username: 'root', deviceId: seeded.web2.id, status: 'Inactive' }),
      keep,
      actor,
    );
    const result = s.credentials.options({ usable: true, includeDeleted: true, limit: 1 });
    expect(labels(result)).toEqual(['postgres @ db-01']);
    expect(result.total).toBe(2);
    expect(labels(s.credentials.options({ usable: true }))).toEqual(['postgres @ db-01', 'root @ web-10']);
  });

  it('breaks a tie of device and user name by id', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    const a = await s.credentials.save(
      undefined,
      credential({ username: 'ROOT', deviceId: web.id }),
      keep,
      actor,
    );
    const b = await s.credentials.save(
      undefined,
      credential({ username: 'root', deviceId: web.id }),
      keep,
      actor,
    );
    expect(s.credentials.options().rows.map((r) => r.id)).toEqual([a.id, b.id]);
  });

  it('gives the short form: device name, status, whether a password is stored, deleted', async () => {
    const { postgres, zed } = await seed();
    const { rows } = s.credentials.options({ search: 'db-01' });
    expect(rows).toEqual([
      {
        id: postgres.id,
        username: 'postgres',
        deviceId: postgres.deviceId,
        deviceName: 'db-01',
        status: 'Active',
        hasPassword: true,
        deleted: false,
      },
      {
        id: zed.id,
        username: 'Zed',
        deviceId: zed.deviceId,
        deviceName: 'db-01',
        status: 'Inactive',
        hasPassword: false,
        deleted: false,
      },
    ]);
  });

  it('searches the user name and the device name, ignoring case and surrounding spaces', async () => {
    await seed();
    expect(labels(s.credentials.options({ search: 'ROO' }))).toEqual(['root @ web-2', 'root @ web-10']);
    expect(labels(s.credentials.options({ search: '  WEB-1 ' }))).toEqual([
      'Admin @ web-10',
      'root @ web-10',
    ]);
    // One search term, either field: "d" is in db-01 and in Admin.
    expect(labels(s.credentials.options({ search: 'd' }))).toEqual([
      'postgres @ db-01',
      'Zed @ db-01',
      'Admin @ web-10',
    ]);
    expect(s.credentials.options({ search: 'nobody' })).toEqual({ total: 0, rows: [] });
    // Blank is no search at all.
    expect(s.credentials.options({ search: '   ' }).total).toBe(5);
  });

  it('keeps to one device with deviceId, searched or not', async () => {
    const { web10, web2 } = await seed();
    expect(labels(s.credentials.options({ deviceId: web10.id }))).toEqual([
      'Admin @ web-10',
      'root @ web-10',
    ]);
    expect(s.credentials.options({ deviceId: web10.id, search: 'root' })).toMatchObject({
      total: 1,
      rows: [{ username: 'root', deviceName: 'web-10' }],
    });
    // The device name matches, yet the other device's credentials stay out.
    expect(s.credentials.options({ deviceId: web2.id, search: 'web' }).total).toBe(1);
    expect(s.credentials.options({ deviceId: 999 })).toEqual({ total: 0, rows: [] });
  });

  it('leaves deleted credentials out unless asked for', async () => {
    const { old } = await seed();
    expect(s.credentials.options({ search: 'old' })).toEqual({ total: 0, rows: [] });
    expect(s.credentials.options({ search: 'old', includeDeleted: true })).toMatchObject({
      total: 1,
      rows: [{ id: old.id, deleted: true, status: 'Inactive' }],
    });
    expect(s.credentials.options({ includeDeleted: true }).total).toBe(6);
  });

  it('returns the ids first whenever they exist, deleted, off the device or not matching', async () => {
    const { old, rootWeb10, rootWeb2, web2 } = await seed();
    const result = s.credentials.options({
      search: 'postgres',
      deviceId: web2.id,
      ids: [rootWeb10.id, old.id, 999],
    });
    // The ids in option order (db-01 before web-10), the unknown id skipped; no match on web-2.
    expect(result.rows.map((r) => r.id)).toEqual([old.id, rootWeb10.id]);
    expect(result.rows[0]).toMatchObject({ deleted: true });
    expect(result.total).toBe(0);

    const both = s.credentials.options({ search: 'root', ids: [rootWeb10.id, rootWeb10.id] });
    // Listed once, first, and still counted as a match.
    expect(both.rows.map((r) => r.id)).toEqual([rootWeb10.id, rootWeb2.id]);
    expect(both.total).toBe(2);
  });

  it('returns at most limit matches besides the ids, and counts every match in total', async () => {
    const { postgres, rootWeb10 } = await seed();
    expect(s.credentials.options({ limit: 2 })).toMatchObject({
      total: 5,
      rows: [{ username: 'postgres' }, { username: 'Zed' }],
    });
    // An id does not take a match's place.
    const pinned = s.credentials.options({ limit: 2, ids: [rootWeb10.id] });
    expect(labels(pinned)).toEqual(['root @ web-10', 'postgres @ db-01', 'Zed @ db-01']);
    expect(pinned.total).toBe(5);
    const first = s.credentials.options({ limit: 1, ids: [postgres.id] });
    expect(labels(first)).toEqual(['postgres @ db-01', 'Zed @ db-01']);
    // Out-of-range limits from callers inside the core are brought into range.
    expect(s.credentials.options({ limit: 0 }).rows).toHaveLength(1);
  });

  it('defaults to 50 rows', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    for (let i = 0; i < 55; i++) {
      await s.credentials.save(
        undefined,
        credential({ username: `u${String(i).padStart(2, '0')}`, deviceId: web.id }),
        keep,
        actor,
      );
    }
    const result = s.credentials.options();
    expect(result.total).toBe(55);
    expect(result.rows).toHaveLength(50);
    expect(result.rows.at(-1)?.username).toBe('u49');
  });

  it('follows changes: a renamed device moves its credentials, a saved credential appears', async () => {
    const { web2, rootWeb2 } = await seed();
    expect(s.credentials.options({ search: 'web-2' }).total).toBe(1);
    await s.devices.save(web2.id, device({ name: 'aaa-2', address: '10.0.0.2' }), actor);
    expect(s.credentials.options().rows[0]).toMatchObject({ id: rootWeb2.id, deviceName: 'aaa-2' });
    expect(s.credentials.options({ search: 'web-2' }).total).toBe(0);
    await s.credentials.save(undefined, credential({ username: 'alpha', deviceId: web2.id }), keep, actor);
    expect(labels(s.credentials.options({ limit: 2 }))).toEqual(['alpha @ aaa-2', 'root @ aaa-2']);
  });
});

describe('FirstRows', () => {
  it('keeps exactly the first rows of a full sort, whatever order they are offered in', () => {
    const at = '2026-11-29T10:00:00.000Z';
    const devices = Array.from({ length: 40 }, (_, i) => ({ id: i + 1, name: `host-${(i * 7) % 40}` }));
    const order = new DeviceOrderCache().get(devices as unknown as StoredDevice[]);
    // A small deterministic generator: the test must fail the same way every time.
    let seedValue = 12345;
    const next = () => (seedValue = (seedValue * 1103515245 + 12345) % 2 ** 31);
    const rows = Array.from(
      { length: 3000 },
      (_, i) =>
        ({
          id: i + 1,
          deviceId: (next() % 41) + 1, // 41: a device that is not in the list sorts last
          username: ['root', 'Admin', 'admin', 'svc', 'Zed'][next() % 5] ?? 'x',
          createdAt: at,
        }) as unknown as StoredCredential,
    );
    const rank = (r: StoredCredential) => order.rank.get(r.deviceId) ?? order.rank.size;
    const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const expected = [...rows]
      .sort(
        (a, b) =>
          rank(a) - rank(b) || text(a.username.toLowerCase(), b.username.toLowerCase()) || a.id - b.id,
      )
      .map((r) => r.id);
    for (const limit of [1, 7, 50, 200, 5000]) {
      for (const offered of [rows, [...rows].reverse()]) {
        const first = new FirstRows(limit, order);
        for (const row of offered) first.offer(row);
        expect(first.rows().map((r) => r.id)).toEqual(expected.slice(0, limit));
      }
    }
  });
});

describe('credentials.options through the Dispatcher', () => {
  let dispatcher: Dispatcher;
  let log: string[];
  beforeEach(() => {
    log = [];
    const others = Object.fromEntries(
      methodNames.map((m) => [m, () => Promise.resolve(fail('unavailable', 'not wired in this test'))]),
    ) as unknown as AllHandlers;
    dispatcher = new Dispatcher({ ...others, ...credentialsHandlers(s.credentials) }, (line) =>
      log.push(line),
    );
  });
  afterEach(() => {
    expect(log).toEqual([]);
  });
  const call = (input: unknown) =>
    dispatcher.dispatch('credentials.options', input, { transport: 'internal', actor });

  it('answers a search within the contract', async () => {
    const { rootWeb10 } = await seed();
    expect(await call({ search: ' ROOT ', limit: 1, ids: [rootWeb10.id] })).toMatchObject({
      ok: true,
      value: { total: 2, rows: [{ id: rootWeb10.id }, { username: 'root', deviceName: 'web-2' }] },
    });
    expect(await call({})).toMatchObject({ ok: true, value: { total: 5 } });
  });

  it.each([
    ['no input at all', undefined, ''],
    ['limit 0', { limit: 0 }, 'limit'],
    ['limit 201', { limit: 201 }, 'limit'],
    ['a fractional limit', { limit: 1.5 }, 'limit'],
    ['51 ids', { ids: Array.from({ length: 51 }, (_, i) => i + 1) }, 'ids'],
    ['an id of 0', { ids: [0] }, 'ids.0'],
    ['a search of 101 characters', { search: 'x'.repeat(101) }, 'search'],
    ['a deviceId that is not an id', { deviceId: -1 }, 'deviceId'],
    ['includeDeleted that is not a boolean', { includeDeleted: 'yes' }, 'includeDeleted'],
    ['an unknown key', { offset: 10 }, ''],
  ])('refuses %s', async (_name, input, field) => {
    const result = await call(input);
    expect(result).toMatchObject({ ok: false, code: 'invalid_input' });
    if (field !== '' && !result.ok) expect(result.field).toBe(field);
  });

  it('accepts the bounds themselves, and a search padded past 100 characters', () => {
    const parse = (input: unknown) => credentialOptionsQuerySchema.safeParse(input).success;
    expect(parse({ limit: 1 })).toBe(true);
    expect(parse({ limit: 200 })).toBe(true);
    expect(parse({ ids: Array.from({ length: 50 }, (_, i) => i + 1) })).toBe(true);
    expect(parse({ search: ` ${'x'.repeat(100)} ` })).toBe(true);
    expect(credentialOptionsQuerySchema.parse({})).toEqual({
      includeDeleted: false,
      usable: false,
      limit: 50,
    });
  });
});
