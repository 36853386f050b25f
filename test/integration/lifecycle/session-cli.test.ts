/**
 * `npm run session` (runSessionCli, in process) against the lab's real PostgreSQL: start creates the
 * role and exits 0 once Active; end drops it and exits 0; list shows both states.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSessionCli } from '../../../electron/cli/session-cli';
import { createCore } from '../../../electron/core/compose';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import { labDetails } from '../../lab/inject';
import { makeTempDir } from '../../support/temp-dir';

const dir = makeTempDir('jit-session-cli-');
const dataDir = join(dir.path, 'data');
const passphraseFile = join(dir.path, 'passphrase');
let account = '';

async function roleExists(name: string): Promise<boolean> {
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
    return (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  writeFileSync(passphraseFile, 'integration passphrase\n', { mode: 0o600 });
  const core = createCore({ dataDir, shell: 'browser', createBackend: confBackendFactory });
  await core.unlockWithPassphraseFile(passphraseFile);
  await core.ready;
  const ctx = core.context('internal');
  const call = async (method: 'devices.save' | 'credentials.save', input: unknown) => {
    const result = await core.dispatcher.dispatch(method, input, ctx);
    if (!result.ok) throw new Error(`${method}: ${result.message}`);
    return result.value as { id: number };
  };
  const { postgres } = labDetails();
  const device = await call('devices.save', {
    device: {
      name: 'pg-lab',
      address: postgres.host,
      type: 'Database',
      connectivity: [{ protocol: 'PostgreSQL', port: postgres.port }],
    },
  });
  const admin = await call('credentials.save', {
    credential: {
      username: postgres.adminUser,
      type: 'Local administrator',
      deviceId: device.id,
      additionalInfo: postgres.database,
    },
    password: { action: 'set', value: postgres.adminPassword },
  });
  const templates = core.inventory.templates.list();
  const byName = (name: string) => templates.find((t) => t.name === name)?.id ?? null;
  await call('credentials.save', {
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
  await core.shutdown();
});

afterAll(async () => {
  if (account && (await roleExists(account))) {
    const { postgres } = labDetails();
    const client = new pg.Client({
      host: postgres.host,
      port: postgres.port,
      user: postgres.adminUser,
      password: postgres.adminPassword,
      database: postgres.database,
    });
    await client.connect();
    await client.query(`DROP ROLE IF EXISTS "${account}"`);
    await client.end();
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
    account = name ?? '';
    expect(state).toBe('Active');
    expect(await roleExists(account)).toBe(true);
    expect(out.join('\n')).not.toContain(labDetails().postgres.adminPassword);

    expect(await runSessionCli(['end', id ?? '', ...common], io)).toBe(0);
    expect(out[1]).toContain('Ended');
    expect(await roleExists(account)).toBe(false);

    expect(await runSessionCli(['list', '--data-dir', dataDir], io)).toBe(0);
    expect(out[2]).toMatch(/Ended/);
    expect(await runSessionCli(['end', id ?? '', ...common], io)).toBe(1);
  });
});
