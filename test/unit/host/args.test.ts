import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHostArgs } from '../../../electron/host/args';
import { UsageError } from '../../../electron/platform/usage-error';

describe('browser host command line', () => {
  it('defaults to a free port, the default data directory and opening a window', () => {
    expect(parseHostArgs([])).toEqual({ port: 0, dataDir: undefined, open: true, passphraseFile: undefined });
  });

  it('reads --port, --data-dir, --no-open and --passphrase-file', () => {
    expect(
      parseHostArgs(['--port', '8123', '--data-dir', 'x/y', '--no-open', '--passphrase-file', 'p']),
    ).toEqual({
      passphraseFile: resolve('p'),
      port: 8123,
      dataDir: resolve('x/y'),
      open: false,
    });
  });

  it.each([['--port'], ['--port', 'abc'], ['--port', '70000'], ['--data-dir', '--no-open'], ['--verbose']])(
    'refuses %j',
    (...argv) => {
      expect(() => parseHostArgs(argv)).toThrow(UsageError);
    },
  );
});
