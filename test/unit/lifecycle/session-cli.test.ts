// The session command line: its arguments, its exit status for bad input, and `list` on a data
// directory (with the directory's lock, as the app takes it).
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSessionArgs } from '../../../electron/cli/session-args';
import { runSessionCli, type CliOutput } from '../../../electron/cli/session-cli';
import { lockDataDir } from '../../../electron/platform/data-dir-lock';
import { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
let out: string[];
let err: string[];
const io: CliOutput = { out: (l) => out.push(l), err: (l) => err.push(l) };
beforeEach(() => {
  dir = makeTempDir('jit-session-cli-');
  out = [];
  err = [];
});
afterEach(() => dir.remove());

describe('parseSessionArgs', () => {
  it('reads each command and the options', () => {
    expect(parseSessionArgs(['start', '7', '--data-dir', '/d', '--passphrase-file', '/p'])).toMatchObject({
      action: { command: 'start', credential: 7 },
      dataDir: '/d',
      passphraseFile: '/p',
      waitSeconds: 60,
    });
    expect(parseSessionArgs(['end', 'abc', '--wait', '5']).action).toEqual({ command: 'end', id: 'abc' });
    expect(parseSessionArgs(['start', 'app@db@01']).action).toEqual({
      command: 'start',
      credential: { username: 'app@db', device: '01' },
    });
    expect(parseSessionArgs(['list']).action).toEqual({ command: 'list' });
    expect(parseSessionArgs(['sweep']).action).toEqual({ command: 'sweep' });
  });

  it.each([
    [[]],
    [['stop']],
    [['start']],
    [['start', 'x']],
    [['start', 'x@']],
    [['start', '@d']],
    [['end']],
    [['list', 'x']],
    [['list', '--nope', '1']],
  ])('refuses %j', (argv) => {
    expect(() => parseSessionArgs(argv)).toThrow();
  });
});

describe('runSessionCli', () => {
  it('exits 2 with the usage for bad input', async () => {
    expect(await runSessionCli(['start', 'x'], io)).toBe(2);
    expect(err.join('\n')).toContain('Usage: npm run session');
  });

  it('lists the sessions of a data directory (none yet)', async () => {
    expect(await runSessionCli(['list', '--data-dir', join(dir.path, 'data')], io)).toBe(0);
    expect(out).toEqual(['No sessions']);
  });

  it('exits 2 when the vault is not unlocked for a command that needs it', async () => {
    expect(await runSessionCli(['sweep', '--data-dir', join(dir.path, 'data')], io)).toBe(2);
    expect(err.join('\n')).toMatch(/vault is locked/);
  });

  it('is refused while another process holds the data directory', async () => {
    const data = join(dir.path, 'data');
    const lock = lockDataDir(data);
    try {
      await expect(runSessionCli(['list', '--data-dir', data], io)).rejects.toThrow();
    } finally {
      lock.release();
    }
  });
});
