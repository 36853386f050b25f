// The session command line: its arguments, its exit status for bad input, and `list` on a data
// directory (with the directory's lock, as the app takes it).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseSessionArgs } from '../../../electron/cli/session-args';
import { runSessionCli, type CliOutput } from '../../../electron/cli/session-cli';
import { SessionLifecycle } from '../../../electron/lifecycle/session-lifecycle';
import { sessionsFileName } from '../../../electron/lifecycle/session-store';
import { lockDataDir } from '../../../electron/platform/data-dir-lock';
import type { Session } from '../../../shared/domain/session';
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

  it('list acts on no target: an unfinished session on disk is left for a sweep', async () => {
    const data = join(dir.path, 'data');
    const passphrase = join(dir.path, 'passphrase');
    writeFileSync(passphrase, 'cli passphrase\n', { mode: 0o600 });
    mkdirSync(data, { recursive: true, mode: 0o700 });
    const ending: Session = {
      id: '5b0f6f5e-0d3c-4a57-9a57-2f7f3f0e9c11',
      credentialId: 999,
      credentialLabel: 'app @ db',
      deviceId: 1,
      jitType: 'create_delete',
      pluginId: 'postgresql',
      account: 'senseg1234567',
      requester: 'someone',
      state: 'ending',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-01T01:00:00.000Z',
      endedAt: null,
      operationIds: [],
      cleanupAttempts: 0,
      nextAttemptAt: null,
      error: null,
      forceCloseReason: null,
      rollback: false,
      target: '127.0.0.1:5432',
      enabledBefore: false,
      notProvenOurs: false,
    };
    const file = join(data, sessionsFileName);
    writeFileSync(file, `${JSON.stringify(ending)}\n`, { mode: 0o600 });

    // Sets up a vault (scrypt): seconds on a busy machine, hence the timeout.
    // The app's core sweeps once started and again on an unlock; both are asked for by the time
    // the command is over, so asking is what is checked (the sweep's own writes come later).
    const open = vi.spyOn(SessionLifecycle.prototype, 'open');
    const sweep = vi.spyOn(SessionLifecycle.prototype, 'sweep');
    try {
      expect(await runSessionCli(['list', '--data-dir', data, '--passphrase-file', passphrase], io)).toBe(0);
    } finally {
      vi.restoreAllMocks();
    }
    expect(out.join('\n')).toContain(`${ending.id}  Ending`);
    expect(open).not.toHaveBeenCalled();
    expect(sweep).not.toHaveBeenCalled();
    expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(ending)}\n`);
  }, 30_000);

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
