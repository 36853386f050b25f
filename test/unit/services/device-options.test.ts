import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceOptionsQuerySchema } from '../../../shared/contract/devices';
import { makeTempDir } from '../../support/temp-dir';
import { actor, device, openServices, type Services } from './harness';

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

const names = (result: { rows: readonly { name: string }[] }) => result.rows.map((r) => r.name);
const ask = (query: Parameters<typeof deviceOptionsQuerySchema.parse>[0]) =>
  s.devices.options(deviceOptionsQuerySchema.parse(query));

/** web-10, web-2 and db-01, made in that order (ids do not follow names). */
async function threeDevices() {
  const web10 = await s.devices.save(undefined, device({ name: 'web-10', address: '10.0.0.10' }), actor);
  const web2 = await s.devices.save(undefined, device({ name: 'web-2', address: '10.0.0.2' }), actor);
  const db = await s.devices.save(undefined, device({ name: 'db-01', address: 'db.example.org' }), actor);
  return { web10, web2, db };
}

describe('device options (the pickers search)', () => {
  it('lists every device by name when nothing is typed', async () => {
    await threeDevices();
    expect(names(ask({}))).toEqual(['db-01', 'web-2', 'web-10']);
    expect(ask({}).total).toBe(3);
  });

  it('matches the name or the address, whatever the case', async () => {
    await threeDevices();
    expect(names(ask({ search: 'WEB' }))).toEqual(['web-2', 'web-10']);
    expect(names(ask({ search: 'example.org' }))).toEqual(['db-01']);
    expect(names(ask({ search: '10.0.0.1' }))).toEqual(['web-10']);
    expect(ask({ search: 'nothing' })).toEqual({ total: 0, rows: [] });
  });

  it('sends one page of matches and counts them all', async () => {
    for (let i = 1; i <= 7; i += 1) {
      await s.devices.save(undefined, device({ name: `host-${i}`, address: `10.1.0.${i}` }), actor);
    }
    const page = ask({ search: 'host', limit: 3 });
    expect(names(page)).toEqual(['host-1', 'host-2', 'host-3']);
    expect(page.total).toBe(7);
  });

  it('puts the current choice first, matching or not, without counting it when it does not match', async () => {
    const { db } = await threeDevices();
    const page = ask({ search: 'web', ids: [db.id], limit: 1 });
    expect(names(page)).toEqual(['db-01', 'web-2']);
    expect(page.total).toBe(2);
    // A choice that matches is not listed twice.
    expect(names(ask({ search: 'db', ids: [db.id] }))).toEqual(['db-01']);
  });

  it('refuses a query with unknown keys or too large a page', () => {
    expect(deviceOptionsQuerySchema.safeParse({ limit: 1000 }).success).toBe(false);
    expect(deviceOptionsQuerySchema.safeParse({ everything: true }).success).toBe(false);
  });
});
