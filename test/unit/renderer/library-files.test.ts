import { describe, expect, it } from 'vitest';
import {
  libraryBatches,
  readLibrary,
  type ChosenFile,
} from '../../../renderer/features/templates/library-files';

const file = (path: string, bytes: Uint8Array | string): ChosenFile => {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return {
    webkitRelativePath: path,
    name: path.split('/').pop() ?? path,
    size: data.byteLength,
    arrayBuffer: () => Promise.resolve(data.slice().buffer),
  };
};

describe('reading a chosen template folder', () => {
  it('keeps template files in path order, leaves out hidden, Markdown and licence files, refuses big or non-UTF-8 ones', async () => {
    const read = await readLibrary([
      file('lib/SSH/Create user/b', 'exec "b"'),
      file('lib/SSH/Change password/a', 'exec "é"'),
      file('lib/README.md', '# x'),
      file('lib/LICENSE', 'MIT'),
      file('lib/.git/config', '[core]'),
      file('lib/SSH/Change password/latin1', new Uint8Array([0x65, 0xe9])),
      file('lib/SSH/Change password/huge', 'x'.repeat(64 * 1024 + 1)),
    ]);
    expect(read.files).toEqual([
      { path: 'lib/SSH/Change password/a', content: 'exec "é"' },
      { path: 'lib/SSH/Create user/b', content: 'exec "b"' },
    ]);
    expect(read.refused).toEqual([
      { path: 'lib/SSH/Change password/huge', reason: 'larger than 64 KiB, more than a template may be' },
      { path: 'lib/SSH/Change password/latin1', reason: 'not UTF-8 text' },
    ]);
    expect(read.skipped).toBe(3);
  });

  it('refuses a path the import call would refuse, and only that file', async () => {
    const long = `lib/SSH/Change password/${'x'.repeat(1010)}`;
    const read = await readLibrary([file(long, 'exec "a"'), file('lib/SSH/Change password/a', 'exec "a"')]);
    expect(read.files.map((f) => f.path)).toEqual(['lib/SSH/Change password/a']);
    expect(read.refused).toEqual([{ path: long, reason: 'its path is longer than 1024 characters' }]);
  });

  it('sends a library of more than 1000 files in several calls, none left out', () => {
    const files = Array.from({ length: 2001 }, (_, i) => ({ path: `lib/SSH/t${i}`, content: 'exec "a"' }));
    const batches = libraryBatches(files);
    expect(batches.map((b) => b.length)).toEqual([1000, 1000, 1]);
    expect(batches.flat()).toEqual(files);
  });
});
