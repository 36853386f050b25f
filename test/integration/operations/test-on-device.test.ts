/**
 * "Test on a device" through the real core: the dispatcher, the vault, the built-in PostgreSQL
 * templates and the lab's real PostgreSQL server; every run recorded as an operation.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/compose';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import type { MethodName } from '../../../shared/contract';
import { labDetails } from '../../lab/inject';
import { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
let core: Core;

async function call(method: MethodName, input: unknown): Promise<unknown> {
  const result = await core.dispatcher.dispatch(method, input, core.context('internal'));
  if (!result.ok) throw new Error(`${method}: ${result.message}`);
  return result.value;
}

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
  dir = makeTempDir('jit-ops-');
  core = createCore({ dataDir: join(dir.path, 'data'), shell: 'browser', createBackend: confBackendFactory });
  const passphraseFile = join(dir.path, 'passphrase');
  writeFileSync(passphraseFile, 'integration passphrase\n', { mode: 0o600 });
  await core.unlockWithPassphraseFile(passphraseFile);
  await core.ready;
});

afterAll(() => {
  core.close();
  dir.remove();
});

describe('Test on a device (operations.testRoundTrip) against the real PostgreSQL', () => {
  it('creates, verifies, drops and verifies an ephemeral role; both runs are recorded, masked', async () => {
    const { postgres } = labDetails();
    const device = (await call('devices.save', {
      device: {
        name: 'pg-lab',
        address: postgres.host,
        type: 'Database',
        connectivity: [{ protocol: 'PostgreSQL', port: postgres.port }],
      },
    })) as { id: number };
    const admin = (await call('credentials.save', {
      credential: {
        username: postgres.adminUser,
        type: 'Local administrator',
        deviceId: device.id,
        additionalInfo: postgres.database,
      },
      password: { action: 'set', value: postgres.adminPassword },
    })) as { id: number };
    const templates = (await call('templates.list', undefined)) as { id: number; name: string }[];
    const byName = (name: string) => {
      const found = templates.find((t) => t.name === name);
      if (!found) throw new Error(`no built-in template ${name}`);
      return found.id;
    };

    const result = (await call('operations.testRoundTrip', {
      firstTemplateId: byName('PostgreSQL: JIT create role'),
      secondTemplateId: byName('PostgreSQL: JIT drop role'),
      deviceId: device.id,
      login: { credentialId: admin.id },
    })) as {
      ok: boolean;
      summary: string;
      operations: { status: string; account: string; deviceId: number }[];
    };

    expect(result.summary).toMatch(/^Round trip passed/);
    expect(result.ok).toBe(true);
    expect(result.operations.map((o) => o.status)).toEqual(['Successful', 'Successful']);
    const account = result.operations[0]?.account ?? '';
    expect(account).toMatch(/^senseg\d{7}$/);
    expect(result.operations[0]?.deviceId).toBe(device.id);
    expect(await roleExists(account)).toBe(false);

    const listed = (await call('operations.list', {})) as { total: number };
    expect(listed.total).toBe(2);
    const log = readFileSync(join(dir.path, 'data', 'operations.jsonl'), 'utf8');
    expect(log).toContain(account);
    expect(log).not.toContain(postgres.adminPassword);
  });

  it('records a failed run as an Error operation with the failing line', async () => {
    const { postgres } = labDetails();
    const device = (await call('devices.save', {
      device: {
        name: 'pg-lab-2',
        address: postgres.host,
        type: 'Database',
        connectivity: [{ protocol: 'PostgreSQL', port: postgres.port }],
      },
    })) as { id: number };
    const admin = (await call('credentials.save', {
      credential: {
        username: postgres.adminUser,
        type: 'Local administrator',
        deviceId: device.id,
        additionalInfo: postgres.database,
      },
      password: { action: 'set', value: postgres.adminPassword },
    })) as { id: number };
    const template = (await call('templates.save', {
      template: {
        name: 'Broken',
        pluginId: 'postgresql',
        executionType: 'New user',
        content: 'SELECT 1;\nSELECT * FROM no_such_table;\n',
      },
    })) as { id: number };
    const op = (await call('operations.testTemplate', {
      templateId: template.id,
      deviceId: device.id,
      login: { credentialId: admin.id },
    })) as { status: string; attempts: { error: string | null }[] };
    expect(op.status).toBe('Error');
    expect(op.attempts[0]?.error).toMatch(/line 2/);
  });
});
