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
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/compose';
import { SessionStore } from '../../../electron/lifecycle/session-store';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import type { MethodName } from '../../../shared/contract';
import type { Session } from '../../../shared/domain/session';
import { labDetails } from '../../lab/inject';
import { makeTempDir } from '../../support/temp-dir';

const root = join(import.meta.dirname, '..', '..', '..');
const childFile = join(root, 'node_modules', '.cache', 'lifecycle-kill', 'kill-child.mjs');
const dir = makeTempDir('jit-session-kill-');
const passphraseFile = join(dir.path, 'passphrase');
const accounts: string[] = [];

async function asAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const { postgres } = labDetails();
  const client = new pg.Client({
    host: postgres.host,
    port: postgres.port,
    user: postgres.adminUser,
    password: postgres.adminPassword,
    database: postgres.database,
  });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
const roleExists = (name: string) =>
  asAdmin(async (c) => (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount === 1);

async function openCore(dataDir: string): Promise<Core> {
  const core = createCore({ dataDir, shell: 'browser', createBackend: confBackendFactory });
  await core.unlockWithPassphraseFile(passphraseFile);
  await core.ready;
  return core;
}

async function call(core: Core, method: MethodName, input: unknown): Promise<{ id: number }> {
  const result = await core.dispatcher.dispatch(method, input, core.context('internal'));
  if (!result.ok) throw new Error(`${method}: ${result.message}`);
  return result.value as { id: number };
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
  await asAdmin(async (c) => {
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
      const { postgres } = labDetails();
      const dataDir = join(dir.path, mode);
      const setup = await openCore(dataDir);
      const device = await call(setup, 'devices.save', {
        device: {
          name: 'pg-lab',
          address: postgres.host,
          type: 'Database',
          connectivity: [{ protocol: 'PostgreSQL', port: postgres.port }],
        },
      });
      const admin = await call(setup, 'credentials.save', {
        credential: {
          username: postgres.adminUser,
          type: 'Local administrator',
          deviceId: device.id,
          additionalInfo: postgres.database,
        },
        password: { action: 'set', value: postgres.adminPassword },
      });
      const templates = setup.inventory.templates.list();
      const byName = (name: string) => templates.find((t) => t.name === name)?.id ?? null;
      const credential = await call(setup, 'credentials.save', {
        credential: {
          username: 'reporting',
          type: 'Local user',
          deviceId: device.id,
          jit: {
            enabled: true,
            type: 'create_delete',
            authCredentialId: admin.id,
            createPluginId: 'postgresql',
            createTemplateId: byName('PostgreSQL: JIT create role'),
            deletePluginId: 'postgresql',
            deleteTemplateId: byName('PostgreSQL: JIT drop role'),
          },
        },
        password: { action: 'keep' },
      });
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
      expect(await roleExists(account)).toBe(true);
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
      expect(await roleExists(account)).toBe(false);
      await core.shutdown();
    },
  );
});
