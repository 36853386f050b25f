import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigStore, StoreTooNewError } from '../../../electron/storage/config-store';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import { latestSchemaVersion, type Migration } from '../../../electron/storage/migrations';
import type { BackendFactory } from '../../../electron/storage/document-backend';
import { makeTempDir } from '../../support/temp-dir';

const now = () => new Date('2026-11-29T10:00:00.000Z');
let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => (dir = makeTempDir()));
afterEach(() => dir.remove());

const open = (migrations?: readonly Migration[]) =>
  ConfigStore.open({ dir: dir.path, name: 'config', createBackend: confBackendFactory, now, migrations });
/** The file as written, without Conf's own bookkeeping key. */
const readFile = () => {
  const file = JSON.parse(readFileSync(join(dir.path, 'config.json'), 'utf8')) as Record<string, unknown>;
  const { __internal__: _conf, ...document } = file;
  return document;
};

describe('ConfigStore', () => {
  it('creates a new file at the latest schema version', () => {
    const store = open();
    expect(store.problems).toEqual([]);
    expect(readFile().schemaVersion).toBe(latestSchemaVersion);
    expect(latestSchemaVersion).toBe(2);
  });

  it('coalesces the updates of one turn into one write and persists them', async () => {
    let writes = 0;
    const counting: BackendFactory = (d, n) => {
      const inner = confBackendFactory(d, n);
      return { path: inner.path, read: () => inner.read(), write: (doc) => (writes++, inner.write(doc)) };
    };
    const store = ConfigStore.open({ dir: dir.path, name: 'config', createBackend: counting, now });
    writes = 0;
    const a = store.update('a', { n: 1 });
    const b = store.update('b', { n: 2 });
    expect(writes).toBe(0); // nothing written in the same turn
    await Promise.all([a, b]);
    expect(writes).toBe(1);
    expect(readFile()).toMatchObject({ a: { n: 1 }, b: { n: 2 } });
    expect(open().get('b')).toEqual({ n: 2 });
  });

  it('keeps a corrupt file aside, reports it, and never overwrites it', () => {
    const garbage = '{"settings": {"jit": ';
    writeFileSync(join(dir.path, 'config.json'), garbage);
    const store = open();
    expect(store.problems).toHaveLength(1);
    const aside = readdirSync(dir.path).filter((f) => f.includes('.corrupt-'));
    expect(aside).toEqual(['config.corrupt-2026-11-29T10-00-00-000Z.json']);
    expect(readFileSync(join(dir.path, aside[0] ?? ''), 'utf8')).toBe(garbage);
    expect(store.problems[0]?.message).toContain(aside[0]);
    expect(existsSync(join(dir.path, 'config.json'))).toBe(true);
  });

  it('runs migrations in order from the stored version', () => {
    writeFileSync(join(dir.path, 'config.json'), JSON.stringify({ schemaVersion: 1, items: ['x'] }));
    const migrations: Migration[] = [
      { version: 1, description: 'initial', up: (d) => d },
      { version: 2, description: 'rename items', up: ({ items, ...rest }) => ({ ...rest, entries: items }) },
      { version: 3, description: 'count', up: (d) => ({ ...d, count: (d.entries as unknown[]).length }) },
    ];
    const store = open(migrations);
    expect(store.get('entries')).toEqual(['x']);
    expect(readFile()).toEqual({ schemaVersion: 3, entries: ['x'], count: 1 });
  });

  it('refuses a file from a newer version and leaves it untouched', () => {
    const content = JSON.stringify({ schemaVersion: 99, secret: 'keep' });
    writeFileSync(join(dir.path, 'config.json'), content);
    expect(() => open()).toThrow(StoreTooNewError);
    expect(readFileSync(join(dir.path, 'config.json'), 'utf8')).toBe(content);
  });
});
