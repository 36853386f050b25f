import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import type { BackendFactory } from '../../../electron/storage/document-backend';
import { openRangedTable } from '../../../electron/storage/ranged-table-loader';
import { storedDeviceSchema, type StoredDevice } from '../../../electron/services/stored-records';
import { makeTempDir } from '../../support/temp-dir';
import { actor, credential, device, keep, openServices, settle } from '../services/harness';

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => (dir = makeTempDir()));
afterEach(() => dir.remove());

const now = () => new Date('2026-11-29T10:00:00.000Z');
const at = '2026-01-01T00:00:00.000Z';
const row = (id: number): StoredDevice =>
  storedDeviceSchema.parse({
    id,
    name: `web-${id}`,
    address: '10.0.0.1',
    type: 'Server',
    createdAt: at,
    updatedAt: at,
  });

/** A table of devices, 3 per file, under `<dir>/things/`. */
const open = (createBackend: BackendFactory = confBackendFactory) =>
  openRangedTable({
    dataDir: dir.path,
    name: 'things',
    section: 'things',
    schema: storedDeviceSchema,
    createBackend,
    now,
    rowsPerFile: 3,
  });

const folder = () => join(dir.path, 'things');
const readJson = (name: string): unknown => JSON.parse(readFileSync(join(folder(), name), 'utf8'));
const manifest = (): unknown => JSON.parse(readFileSync(join(dir.path, 'things.json'), 'utf8'));

describe('openRangedTable: one file per id range', () => {
  it('writes each row into the file of its range, and a change rewrites only that file', async () => {
    const { table } = open();
    await table.put(...[1, 2, 3, 4, 5, 7].map(row));
    expect(readdirSync(folder()).sort()).toEqual(['ids-1-3.json', 'ids-4-6.json', 'ids-7-9.json']);
    expect(readJson('ids-4-6.json')).toMatchObject({ things: { nextId: 8, rows: [{ id: 4 }, { id: 5 }] } });
    expect(manifest()).toMatchObject({ layout: { rowsPerFile: 3 } });

    const before = { first: readJson('ids-1-3.json'), last: readJson('ids-7-9.json') };
    // Indented, unlike the store's own compact writes: a rewrite would show.
    writeFileSync(join(folder(), 'ids-1-3.json'), JSON.stringify(before.first, null, 2));
    const marker = readFileSync(join(folder(), 'ids-1-3.json'), 'utf8');
    await table.put({ ...row(5), name: 'renamed' });
    await table.remove(4);
    expect(readFileSync(join(folder(), 'ids-1-3.json'), 'utf8')).toBe(marker);
    expect(readJson('ids-7-9.json')).toEqual(before.last);
    expect(readJson('ids-4-6.json')).toMatchObject({ things: { rows: [{ id: 5, name: 'renamed' }] } });

    const again = open();
    expect(again.problems).toEqual([]);
    expect([...again.table.all()].map((r) => [r.id, r.name]).sort()).toEqual([
      [1, 'web-1'],
      [2, 'web-2'],
      [3, 'web-3'],
      [5, 'renamed'],
      [7, 'web-7'],
    ]);
    // Ids are never given twice, not even that of the removed row or of the emptied range.
    await again.table.remove(7);
    expect(open().table.allocateId()).toBe(8);
  });

  it('moves the rows of an older single-file layout into range files, keeping the id counter', () => {
    const bad = { ...row(5), address: 'not an address' };
    writeFileSync(
      join(dir.path, 'things.json'),
      JSON.stringify({ schemaVersion: 1, things: { nextId: 12, rows: [row(1), row(4), bad, row(9)] } }),
    );
    const { table, problems } = open();
    expect([...table.all()].map((r) => r.id).sort()).toEqual([1, 4, 9]);
    expect(readdirSync(folder()).sort()).toEqual(['ids-1-3.json', 'ids-4-6.json', 'ids-7-9.json']);
    expect(manifest()).toEqual({
      schemaVersion: 2,
      layout: { rowsPerFile: 3 },
      nextId: 12,
      __internal__: {},
    });
    // The file as it was is kept too.
    expect(JSON.parse(readFileSync(join(dir.path, 'things.single-file-backup.json'), 'utf8'))).toMatchObject({
      things: { nextId: 12 },
    });
    // The invalid row is kept aside, beside the manifest, and reported.
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain('address');
    expect(readdirSync(dir.path).some((f) => f.startsWith('things.things-invalid-'))).toBe(true);
    expect(table.allocateId()).toBe(12);
  });

  it('keeps the id counter of the single-file layout even with no valid row left to move', () => {
    writeFileSync(
      join(dir.path, 'things.json'),
      JSON.stringify({
        schemaVersion: 1,
        things: { nextId: 9, rows: [{ ...row(8), address: 'bad address' }] },
      }),
    );
    const first = open();
    expect(first.table.size).toBe(0);
    expect(first.table.allocateId()).toBe(9);
    expect(open().table.allocateId()).toBe(9);
  });

  it('merges the single-file rows into range files already there: the range file wins a clash', () => {
    mkdirSync(folder());
    writeFileSync(
      join(folder(), 'ids-1-3.json'),
      JSON.stringify({ schemaVersion: 2, things: { nextId: 3, rows: [row(1), row(2)] } }),
    );
    const other = { ...row(2), name: 'other-2' };
    writeFileSync(
      join(dir.path, 'things.json'),
      JSON.stringify({
        schemaVersion: 1,
        layout: { rowsPerFile: 3 },
        things: { nextId: 5, rows: [row(1), other, row(4)] },
      }),
    );
    const { table, problems } = open();
    expect([...table.all()].map((r) => [r.id, r.name]).sort()).toEqual([
      [1, 'web-1'],
      [2, 'web-2'],
      [4, 'web-4'],
    ]);
    expect(problems).toEqual([
      { message: expect.stringContaining('id 2 is already in its range file with other values') as string },
    ]);
    const aside = readdirSync(dir.path).find((f) => f.startsWith('things.things-invalid-'));
    expect(JSON.parse(readFileSync(join(dir.path, aside ?? ''), 'utf8'))).toMatchObject({
      rows: [{ row: { id: 2, name: 'other-2' } }],
    });
    expect(table.allocateId()).toBe(5);
  });

  it('a move interrupted before the manifest was rewritten is done again, whole, at the next start', () => {
    writeFileSync(
      join(dir.path, 'things.json'),
      JSON.stringify({
        schemaVersion: 1,
        layout: { rowsPerFile: 3 },
        things: { nextId: 3, rows: [row(1), row(2)] },
      }),
    );
    mkdirSync(folder());
    // Left by the interrupted move: the first row only.
    writeFileSync(
      join(folder(), 'ids-1-3.json'),
      JSON.stringify({ schemaVersion: 1, things: { nextId: 3, rows: [row(1)] } }),
    );
    const { table, problems } = open();
    expect(problems).toEqual([]);
    expect([...table.all()].map((r) => r.id).sort()).toEqual([1, 2]);
    expect(manifest()).not.toHaveProperty('things');
  });

  it('a failed write during the move stops the start and leaves the manifest holding the rows', () => {
    const legacy = JSON.stringify({ schemaVersion: 1, things: { nextId: 2, rows: [row(1)] } });
    writeFileSync(join(dir.path, 'things.json'), legacy);
    const failing: BackendFactory = (path, name) => {
      const backend = confBackendFactory(path, name);
      return {
        ...backend,
        path: backend.path,
        read: () => backend.read(),
        write: (document) => {
          if (name.startsWith('ids-')) throw new Error('disk full (test)');
          backend.write(document);
        },
      };
    };
    expect(() => open(failing)).toThrow('disk full (test)');
    expect(manifest()).toMatchObject({ things: { rows: [{ id: 1 }] } });
    expect([...open().table.all()].map((r) => r.id)).toEqual([1]);
  });

  it('a corrupt range file is set aside and reported; the other ranges load', async () => {
    const { table } = open();
    await table.put(row(1), row(2), row(3));
    await table.put(row(4)); // the newest file, the one a crash is likeliest to hurt
    writeFileSync(join(folder(), 'ids-4-6.json'), '{"things": {"rows": [');
    // Even without the manifest's own counter, the corrupt file's range stays taken.
    const written = manifest() as Record<string, unknown>;
    writeFileSync(join(dir.path, 'things.json'), JSON.stringify({ ...written, nextId: 1 }));
    const { table: again, problems } = open();
    expect([...again.all()].map((r) => r.id)).toEqual([1, 2, 3]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain('ids-4-6.json');
    const aside = readdirSync(folder()).find((f) => f.startsWith('ids-4-6.corrupt-'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(folder(), aside ?? ''), 'utf8')).toBe('{"things": {"rows": [');
    // Its ids stay taken, even those it held beyond the counter of any other file.
    expect(again.allocateId()).toBe(7);
  });

  it('sets aside a row found in the file of another range, and leaves files of another layout untouched', () => {
    mkdirSync(folder());
    writeFileSync(
      join(dir.path, 'things.json'),
      JSON.stringify({ schemaVersion: 1, layout: { rowsPerFile: 3 } }),
    );
    writeFileSync(
      join(folder(), 'ids-1-3.json'),
      JSON.stringify({ things: { nextId: 9, rows: [row(2), row(8)] } }),
    );
    const stray = JSON.stringify({ things: { nextId: 11, rows: [row(10)] } });
    writeFileSync(join(folder(), 'ids-1-10.json'), stray);
    const { table, problems } = open();
    expect([...table.all()].map((r) => r.id)).toEqual([2]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('ids-1-10.json does not match the layout of 3 things per file'),
      expect.stringContaining("the id is outside this file's range (1 to 3)"),
    ]);
    expect(readFileSync(join(folder(), 'ids-1-10.json'), 'utf8')).toBe(stray);
    // The stray's ids stay taken: it may be the only copy of rows someone will want back.
    expect(table.allocateId()).toBe(11);
  });
});

describe('credentials through the inventory', () => {
  it('opens a data dir of the previous version (every credential in credentials.json)', async () => {
    const first = openServices(dir.path);
    const web = await first.devices.save(undefined, device(), actor);
    await first.credentials.save(undefined, credential({ deviceId: web.id }), keep, actor);
    await settle();
    await first.audit.close();
    // Rewrite the data dir as the previous version laid it out.
    const file = JSON.parse(readFileSync(join(dir.path, 'credentials', 'ids-1-500.json'), 'utf8')) as {
      credentials: unknown;
    };
    writeFileSync(
      join(dir.path, 'credentials.json'),
      JSON.stringify({ schemaVersion: 1, credentials: file.credentials }),
    );
    rmSync(join(dir.path, 'credentials'), { recursive: true });
    const again = openServices(dir.path, { vault: first.vault });
    expect(again.problems).toEqual([]);
    expect(again.credentials.get(1)).toMatchObject({ username: 'root', deviceId: web.id });
    expect(existsSync(join(dir.path, 'credentials', 'ids-1-500.json'))).toBe(true);
    await again.audit.close();
  });
});
