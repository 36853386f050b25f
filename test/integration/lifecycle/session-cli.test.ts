/**
 * `npm run session` against the lab's real PostgreSQL, in process (runSessionCli) and as the
 * process a person starts (scripts/session.mjs, what `npm run session` runs): start creates the
 * role and exits 0 once Active; end drops it and exits 0; list shows both states.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSessionCli } from '../../../electron/cli/session-cli';
import { createCore } from '../../../electron/core/compose';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import { labDetails } from '../../lab/inject';
import { makeTempDir } from '../../support/temp-dir';
import { asPostgresAdmin, callCore, postgresRoleExists, seedPostgresLab } from '../support/postgres-lab-core';

const dir = makeTempDir('jit-session-cli-');
const dataDir = join(dir.path, 'data');
const passphraseFile = join(dir.path, 'passphrase');
const accounts: string[] = [];
const root = join(import.meta.dirname, '..', '..', '..');

/** `npm run session -- ARGS` as its own process: the exit status and what it printed. */
function sessionProcess(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'scripts', 'session.mjs'), ...args],
      { cwd: root, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, out: `${stdout}${stderr}` });
      },
    );
  });
}

beforeAll(async () => {
  writeFileSync(passphraseFile, 'integration passphrase\n', { mode: 0o600 });
  const core = createCore({ dataDir, shell: 'browser', createBackend: confBackendFactory });
  await core.unlockWithPassphraseFile(passphraseFile);
  await core.ready;
  const lab = await seedPostgresLab(core);
  await callCore(core, 'credentials.save', {
    credential: {
      username: 'reporting',
      type: 'Local user',
      deviceId: lab.deviceId,
      jit: {
        enabled: true,
        type: 'create_delete',
        authCredentialId: lab.adminId,
        createPluginId: 'postgresql',
        createTemplateId: lab.templateId('PostgreSQL: JIT create role'),
        deletePluginId: 'postgresql',
        deleteTemplateId: lab.templateId('PostgreSQL: JIT drop role'),
      },
    },
    password: { action: 'keep' },
  });
  await core.shutdown();
});

afterAll(async () => {
  for (const account of accounts) {
    if (await postgresRoleExists(account)) {
      await asPostgresAdmin((c) => c.query(`DROP ROLE IF EXISTS "${account}"`));
    }
  }
  dir.remove();
});

describe('npm run session against the real PostgreSQL', () => {
  it('start exits 0 with the role Active; end exits 0 with the role gone', async () => {
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(`err: ${l}`) };
    const common = ['--data-dir', dataDir, '--passphrase-file', passphraseFile];
    expect(await runSessionCli(['start', 'nobody@pg-lab', ...common], io)).toBe(2);
    out.length = 0;
    // By user@device, as a lab script names it.
    expect(await runSessionCli(['start', 'reporting@pg-lab', ...common], io)).toBe(0);
    const [id, state, name] = out[0]?.split(/\s+/) ?? [];
    const account = name ?? '';
    accounts.push(account);
    expect(state).toBe('Active');
    expect(await postgresRoleExists(account)).toBe(true);
    expect(out.join('\n')).not.toContain(labDetails().postgres.adminPassword);

    // A sweep by the next command leaves it Active: a command line's session outlives the command
    // (an app's would be ended, its app gone).
    expect(await runSessionCli(['sweep', ...common], io)).toBe(0);
    expect(out.at(-1)).toBe('Swept 0 session(s)');
    expect(await postgresRoleExists(account)).toBe(true);

    expect(await runSessionCli(['end', id ?? '', ...common], io)).toBe(0);
    expect(out.at(-1)).toContain('Ended');
    expect(await postgresRoleExists(account)).toBe(false);

    expect(await runSessionCli(['list', '--data-dir', dataDir], io)).toBe(0);
    expect(out.at(-1)).toMatch(/Ended/);
    expect(await runSessionCli(['end', id ?? '', ...common], io)).toBe(1);
  });

  it('runs as its own process, with the exit statuses a script relies on', async () => {
    const common = ['--data-dir', dataDir, '--passphrase-file', passphraseFile];
    const bad = await sessionProcess(['start']);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('Usage: npm run session');

    const started = await sessionProcess(['start', 'reporting@pg-lab', ...common]);
    expect(started.code).toBe(0);
    const [id, state, account = ''] = started.out.trim().split(/\s+/);
    accounts.push(account);
    expect(state).toBe('Active');
    expect(await postgresRoleExists(account)).toBe(true);

    const ended = await sessionProcess(['end', id ?? '', ...common]);
    expect(ended.code).toBe(0);
    expect(ended.out).toContain('Ended');
    expect(await postgresRoleExists(account)).toBe(false);
    expect(`${started.out}${ended.out}`).not.toContain(labDetails().postgres.adminPassword);
  }, 300_000);
});
