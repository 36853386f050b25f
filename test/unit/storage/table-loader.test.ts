import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import { ConfigStore } from '../../../electron/storage/config-store';
import { storedDeviceSchema } from '../../../electron/services/stored-records';
import { openTable } from '../../../electron/storage/table-loader';
import { makeTempDir } from '../../support/temp-dir';
import { settle } from '../services/harness';

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => (dir = makeTempDir()));
afterEach(() => dir.remove());

const now = () => new Date('2026-11-29T10:00:00.000Z');
const good = {
  id: 1,
  name: 'web-01',
  address: '10.0.0.1',
  type: 'Server',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('openTable', () => {
  it('loads valid rows (with schema defaults) and sets invalid ones aside, reporting them', async () => {
    const bad = { ...good, id: 7, address: 'no spaces allowed' };
    writeFileSync(
      join(dir.path, 'config.json'),
      JSON.stringify({ schemaVersion: 1, devices: { nextId: 3, rows: [good, bad] } }),
    );
    const store = ConfigStore.open({ dir: dir.path, name: 'config', createBackend: confBackendFactory, now });
    const { table, problems } = openTable(store, 'devices', storedDeviceSchema, now);
    expect([...table.all()]).toEqual([
      expect.objectContaining({ id: 1, vendor: '', tags: [], active: true }),
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain('address');
    const aside = readdirSync(dir.path).find((f) => f.includes('devices-invalid'));
    expect(aside).toBe('config.devices-invalid-2026-11-29T10-00-00-000Z.json');
    expect(JSON.parse(readFileSync(join(dir.path, aside ?? ''), 'utf8'))).toMatchObject({
      rows: [{ row: bad }],
    });
    // The id of the row set aside is never given again.
    expect(table.allocateId()).toBe(8);
    await settle();
  });

  it('starts empty when the section is missing', () => {
    const store = ConfigStore.open({ dir: dir.path, name: 'config', createBackend: confBackendFactory, now });
    const { table, problems } = openTable(store, 'devices', storedDeviceSchema, now);
    expect(table.size).toBe(0);
    expect(problems).toEqual([]);
  });
});
