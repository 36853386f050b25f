/**
 * "Test on a device" through the real core: the dispatcher, the vault, the built-in PostgreSQL
 * templates and the lab's real PostgreSQL server; every run recorded as an operation.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/compose';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import type { MethodName } from '../../../shared/contract';
import { labDetails } from '../../lab/inject';
import { makeTempDir } from '../../support/temp-dir';
import { callCore, postgresRoleExists, seedPostgresLab } from '../support/postgres-lab-core';

let dir: ReturnType<typeof makeTempDir>;
let core: Core;

const call = (method: MethodName, input: unknown) => callCore(core, method, input);

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
    const lab = await seedPostgresLab(core);

    const result = (await call('operations.testRoundTrip', {
      firstTemplateId: lab.templateId('PostgreSQL: JIT create role'),
      secondTemplateId: lab.templateId('PostgreSQL: JIT drop role'),
      deviceId: lab.deviceId,
      login: { credentialId: lab.adminId },
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
    expect(result.operations[0]?.deviceId).toBe(lab.deviceId);
    expect(await postgresRoleExists(account)).toBe(false);

    const listed = (await call('operations.list', {})) as { total: number };
    expect(listed.total).toBe(2);
    const log = readFileSync(join(dir.path, 'data', 'operations.jsonl'), 'utf8');
    expect(log).toContain(account);
    expect(log).not.toContain(labDetails().postgres.adminPassword);
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
    // The line said once, and the database's message once (the SQL engine words both itself).
    const error = op.attempts[0]?.error ?? '';
    expect(error).toMatch(
      /^line 2: SELECT \* FROM no_such_table: relation "no_such_table" does not exist \(42P01\)$/,
    );
    expect(error.match(/line 2/gi)).toHaveLength(1);
  });
});
