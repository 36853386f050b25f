/**
 * A stored password changed on the device first, through the real core (dispatcher, vault, the
 * built-in "PostgreSQL: change password" template) against the lab's real PostgreSQL server.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/compose';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import type { MethodName } from '../../../shared/contract';
import { labDetails } from '../../lab/inject';
import { uniqueName } from '../../lab/names';
import { makeTempDir } from '../../support/temp-dir';
import { asPostgresAdmin, callCore, seedPostgresLab, type PostgresLab } from '../support/postgres-lab-core';

let dir: ReturnType<typeof makeTempDir>;
let core: Core;
const role = uniqueName('pwchange');
const firstPassword = 'First-pw-1234!';

const call = (method: MethodName, input: unknown) => callCore(core, method, input);

/** Whether `role` logs in with `password` right now. */
async function logsIn(password: string): Promise<boolean> {
  const { postgres } = labDetails();
  const client = new pg.Client({
    host: postgres.host,
    port: postgres.port,
    user: role,
    password,
    database: postgres.database,
  });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const stored = async (id: number) =>
  ((await call('credentials.revealPassword', { id })) as { password: string }).password;

let lab: PostgresLab;
let roleId: number;
let templateId: number;

beforeAll(async () => {
  dir = makeTempDir('jit-pwchange-');
  core = createCore({ dataDir: join(dir.path, 'data'), shell: 'browser', createBackend: confBackendFactory });
  const passphraseFile = join(dir.path, 'passphrase');
  writeFileSync(passphraseFile, 'integration passphrase\n', { mode: 0o600 });
  await core.unlockWithPassphraseFile(passphraseFile);
  await core.ready;

  const { postgres } = labDetails();
  await asPostgresAdmin((c) => c.query(`CREATE ROLE ${role} LOGIN PASSWORD '${firstPassword}'`));
  lab = await seedPostgresLab(core);
  roleId = (
    (await call('credentials.save', {
      credential: {
        username: role,
        type: 'Local user',
        deviceId: lab.deviceId,
        additionalInfo: postgres.database,
      },
      password: { action: 'set', value: firstPassword },
    })) as { id: number }
  ).id;
});

afterAll(async () => {
  await asPostgresAdmin((c) => c.query(`DROP ROLE IF EXISTS ${role}`));
  core.close();
  dir.remove();
});

describe('credentials.changePassword against the real PostgreSQL', () => {
  it('offers the built-in template of the device’s plugin, run by the credential itself', async () => {
    const plan = (await call('credentials.passwordChangePlan', { id: roleId })) as {
      templates: { id: number; name: string }[];
      templateId: number;
      runAs: { id: number; self: boolean }[];
      runAsCredentialId: number;
    };
    expect(plan.templates.map((t) => t.name)).toEqual(['PostgreSQL: change password']);
    templateId = plan.templateId;
    expect(plan.runAs).toEqual([
      { id: roleId, label: `${role} @ pg-lab`, self: true },
      { id: lab.adminId, label: `${labDetails().postgres.adminUser} @ pg-lab`, self: false },
    ]);
    expect(plan.runAsCredentialId).toBe(roleId);
  });

  it('as an administrator: the role logs in with the new password only, and the vault has it', async () => {
    const next = 'Second-pw-5678!';
    const outcome = (await call('credentials.changePassword', {
      id: roleId,
      password: { action: 'set', value: next },
      templateId,
      runAsCredentialId: lab.adminId,
    })) as { changed: boolean; operationId: string };
    expect(outcome).toMatchObject({ changed: true });
    expect(await logsIn(next)).toBe(true);
    expect(await logsIn(firstPassword)).toBe(false);
    expect(await stored(roleId)).toBe(next);
    const op = (await call('operations.get', { id: outcome.operationId })) as {
      kind: string;
      status: string;
    };
    expect(op).toMatchObject({ kind: 'password-change', status: 'Successful' });
  });

  it('as the credential itself, with a generated password: connects with the current one, stores the new', async () => {
    const before = await stored(roleId);
    const outcome = (await call('credentials.changePassword', {
      id: roleId,
      password: { action: 'generate' },
      templateId,
      runAsCredentialId: roleId,
    })) as { changed: boolean };
    expect(outcome.changed).toBe(true);
    const after = await stored(roleId);
    expect(after).not.toBe(before);
    expect(await logsIn(after)).toBe(true);
    expect(await logsIn(before)).toBe(false);
  });

  it('a run that fails stores nothing: the vault keeps the password the role still has', async () => {
    const current = await stored(roleId);
    // A credential whose stored password is wrong cannot connect: the run fails at login.
    const wrong = (await call('credentials.save', {
      credential: {
        username: labDetails().postgres.adminUser,
        type: 'Local administrator',
        deviceId: lab.deviceId,
        domain: 'stale',
        additionalInfo: labDetails().postgres.database,
      },
      password: { action: 'set', value: 'not-the-admin-password' },
    })) as { id: number };
    const outcome = (await call('credentials.changePassword', {
      id: roleId,
      password: { action: 'set', value: 'Never-stored-9!' },
      templateId,
      runAsCredentialId: wrong.id,
    })) as { changed: boolean; operationId: string | null; message: string };
    expect(outcome.changed).toBe(false);
    expect(outcome.message).toMatch(/^The password was not changed on pg-lab/);
    expect(await stored(roleId)).toBe(current);
    expect(await logsIn(current)).toBe(true);
    expect(await logsIn('Never-stored-9!')).toBe(false);
    const op = (await call('operations.get', { id: outcome.operationId })) as {
      status: string;
      attempts: { error: string | null }[];
    };
    expect(op.status).toBe('Error');
    expect(op.attempts[0]?.error).not.toContain('not-the-admin-password');
  });
});
