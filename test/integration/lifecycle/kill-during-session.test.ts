/**
 * kill -9 in the middle of a JIT session (kill-child.ts): a real core in a child process is killed
 * after its creation template made a PostgreSQL role but before it recorded the session Active, or
 * once it recorded the session Ending but before the deletion reached the server. The session file
 * says Provisioning or Ending; the next start's sweep drops the role either way.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/compose';
import { SessionStore } from '../../../electron/lifecycle/session-store';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import type { Session } from '../../../shared/domain/session';
import { makeTempDir } from '../../support/temp-dir';
import { asPostgresAdmin, callCore, postgresRoleExists, seedPostgresLab } from '../support/postgres-lab-core';

const root = join(import.meta.dirname, '..', '..', '..');
const childFile = join(root, 'node_modules', '.cache', 'lifecycle-kill', 'kill-child.mjs');
const dir = makeTempDir('jit-session-kill-');
const passphraseFile = join(dir.path, 'passphrase');
const accounts: string[] = [];

async function openCore(dataDir: string): Promise<Core> {
  const core = createCore({ dataDir, shell: 'browser', createBackend: confBackendFactory });
  await core.unlockWithPassphraseFile(passphraseFile);
  await core.ready;
  return core;
}

beforeAll(async () => {
  mkdirSync(join(root, 'node_modules', '.cache', 'lifecycle-kill'), { recursive: true });
  await build({
    entryPoints: [join(root, 'test/integration/lifecycle/kill-child.ts')],
    outfile: childFile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  writeFileSync(passphraseFile, 'integration passphrase\n', { mode: 0o600 });
});

afterAll(async () => {
  await asPostgresAdmin(async (c) => {
    for (const account of accounts) await c.query(`DROP ROLE IF EXISTS "${account}"`);
  });
  dir.remove();
});

describe('kill -9 during a session', () => {
  it.each([
    ['provisioning', 'provisioning', 'failed'],
    ['cleanup', 'ending', 'ended'],
  ] as const)(
    'killed in %s: %s on disk; the next start drops the role (%s)',
    async (mode, onDiskState, endState) => {
      const dataDir = join(dir.path, mode);
      const setup = await openCore(dataDir);
      const lab = await seedPostgresLab(setup);
      const credential = (await callCore(setup, 'credentials.save', {
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
      })) as { id: number };
      await setup.shutdown();

      const output = await new Promise<string>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [childFile, dataDir, passphraseFile, String(credential.id), mode],
          {
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let out = '';
        let err = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
        child.on('error', reject);
        child.on('exit', (_code, signal) =>
          signal === 'SIGKILL' ? resolve(out) : reject(new Error(`the child was not killed:\n${err}`)),
        );
      });
      const account = /account (\S+)/.exec(output)?.[1] ?? '';
      accounts.push(account);
      expect(account).toMatch(/^senseg\d{7}$/);
      expect(await postgresRoleExists(account)).toBe(true);
      const onDisk = SessionStore.open({ dir: dataDir });
      const crashed = onDisk.all().find((s) => s.account === account);
      await onDisk.close();
      expect(crashed?.state).toBe(onDiskState);

      // The next start: the sweep (once the vault is unlocked) drops the role.
      const core = await openCore(dataDir);
      const id = crashed?.id ?? '';
      const end = Date.now() + 20_000;
      let session: Session = core.sessions.get(id);
      while (session.state !== endState && Date.now() < end) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        session = core.sessions.get(id);
      }
      expect(session).toMatchObject({ state: endState, rollback: mode === 'provisioning' });
      expect(await postgresRoleExists(account)).toBe(false);
      await core.shutdown();
    },
  );
});
