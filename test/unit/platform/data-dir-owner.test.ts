/**
 * A data directory another user owns (or holds files of) is refused at start, by the lock (both
 * entry points take it first) and by createCore's privacy pass. Ownership can only be given away
 * by root: these run where the tests run as root (the CI container), and are skipped elsewhere.
 */
import { chownSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirOwnerError } from '../../../electron/platform/data-dir-owner';
import { lockDataDir, lockFileName } from '../../../electron/platform/data-dir-lock';
import { makeDataDirPrivate } from '../../../electron/platform/private-data-dir';
import { makeTempDir } from '../../support/temp-dir';

/** `nobody` on Debian: any uid but ours would do. */
const other = 65534;
const asRoot = process.getuid?.() === 0;

let temp: ReturnType<typeof makeTempDir>;
let dataDir: string;
beforeEach(() => {
  temp = makeTempDir();
  dataDir = join(temp.path, 'data');
});
afterEach(() => temp.remove());

describe.skipIf(!asRoot)('a data directory of another user', () => {
  it('is refused by the lock, naming the directory and its owner, and nothing is written there', () => {
    mkdirSync(dataDir);
    chownSync(dataDir, other, other);
    expect(() => lockDataDir(dataDir)).toThrow(DataDirOwnerError);
    expect(() => lockDataDir(dataDir)).toThrow(
      `The data directory ${dataDir} belongs to user ${other}, not to this user (0)`,
    );
    expect(existsSync(join(dataDir, lockFileName))).toBe(false);
    expect(() => makeDataDirPrivate(dataDir)).toThrow(DataDirOwnerError);
  });

  it('is refused when reached through a symbolic link of ours', () => {
    const theirs = join(temp.path, 'theirs');
    mkdirSync(theirs);
    chownSync(theirs, other, other);
    symlinkSync(theirs, dataDir);
    expect(() => lockDataDir(dataDir)).toThrow(
      `The data directory ${dataDir} (${theirs}) belongs to user ${other}`,
    );
    expect(() => makeDataDirPrivate(dataDir)).toThrow(DataDirOwnerError);
    expect(existsSync(join(theirs, lockFileName))).toBe(false);
  });

  it('is refused when a file or folder in it is another user’s, however deep', () => {
    mkdirSync(join(dataDir, 'credentials'), { recursive: true });
    const planted = join(dataDir, 'credentials', 'ids-1-500.json');
    writeFileSync(planted, '{}');
    chownSync(planted, other, other);
    expect(() => lockDataDir(dataDir)).toThrow(
      `${planted} in the data directory ${dataDir} belongs to user ${other}`,
    );
    expect(() => makeDataDirPrivate(dataDir)).toThrow(DataDirOwnerError);
  });

  it('checks the Chromium profile folder itself but leaves what Chromium keeps in it alone', () => {
    const profile = join(dataDir, 'chromium-profile');
    mkdirSync(join(profile, 'Default'), { recursive: true });
    chownSync(join(profile, 'Default'), other, other);
    lockDataDir(dataDir).release();
    expect(makeDataDirPrivate(dataDir).failed).toEqual([]);

    chownSync(profile, other, other);
    expect(() => lockDataDir(dataDir)).toThrow(
      `${profile} in the data directory ${dataDir} belongs to user ${other}`,
    );
  });

  it('a directory of our own, with files of our own, is accepted', () => {
    mkdirSync(join(dataDir, 'credentials'), { recursive: true });
    writeFileSync(join(dataDir, 'config.json'), '{}');
    lockDataDir(dataDir).release();
    expect(makeDataDirPrivate(dataDir).failed).toEqual([]);
  });
});
