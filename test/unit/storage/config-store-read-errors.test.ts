import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/compose';
import { ConfigStore, StoreReadError } from '../../../electron/storage/config-store';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import { makeTempDir } from '../../support/temp-dir';

const now = () => new Date('2026-11-29T10:00:00.000Z');
let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => (dir = makeTempDir()));
afterEach(() => dir.remove());

const configPath = () => join(dir.path, 'config.json');

/** An I/O error as the disk would give it (EACCES cannot be provoked as root). */
const ioError = () => Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });

describe('a store file that cannot be read', () => {
  it('is left in place, reported, and never written over, when the read fails', () => {
    const content = JSON.stringify({ schemaVersion: 2, settings: { keep: true } });
    writeFileSync(configPath(), content);
    const open = () =>
      ConfigStore.open({
        dir: dir.path,
        name: 'config',
        createBackend: confBackendFactory,
        now,
        readFile: () => {
          throw ioError();
        },
      });
    expect(open).toThrow(StoreReadError);
    expect(open).toThrow(`${configPath()} could not be read (EIO: i/o error, read)`);
    expect(readdirSync(dir.path)).toEqual(['config.json']);
    expect(readFileSync(configPath(), 'utf8')).toBe(content);
  });

  it('keeps something else in its place (a folder) as it is, and the app does not start over it', () => {
    mkdirSync(configPath());
    writeFileSync(join(configPath(), 'inside'), 'x');
    expect(() =>
      createCore({ dataDir: dir.path, shell: 'browser', createBackend: confBackendFactory }),
    ).toThrow(StoreReadError);
    expect(statSync(configPath()).isDirectory()).toBe(true);
    expect(readdirSync(configPath())).toEqual(['inside']);
    expect(readdirSync(dir.path).filter((name) => name.includes('corrupt'))).toEqual([]);
  });

  it('still sets aside a file whose content is not a configuration object', () => {
    for (const content of ['[1, 2]', 'null', '"text"']) {
      for (const name of readdirSync(dir.path)) rmSync(join(dir.path, name));
      writeFileSync(configPath(), content);
      const store = ConfigStore.open({
        dir: dir.path,
        name: 'config',
        createBackend: confBackendFactory,
        now,
      });
      expect(store.problems[0]?.message).toContain('not an object');
      const aside = readdirSync(dir.path).filter((name) => name.includes('.corrupt-'));
      expect(aside).toHaveLength(1);
      expect(readFileSync(join(dir.path, aside[0] ?? ''), 'utf8')).toBe(content);
    }
  });
});
