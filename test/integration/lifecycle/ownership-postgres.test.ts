/**
 * Ownership through the real core against the lab's real PostgreSQL (issue 10, item 5): a rollback
 * after a crash drops a role only when it logs in with the session's own password (another
 * workstation's role of the same name, marker comment and all, stays), and an Enable/Disable session
 * on a role that could log in before it leaves the role as it found it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/compose';
import { sessionSecretRef } from '../../../electron/lifecycle/session-lifecycle';
import { SessionStore } from '../../../electron/lifecycle/session-store';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import type { Session } from '../../../shared/domain/session';
import { labDetails } from '../../lab/inject';
import { uniqueName } from '../../lab/names';
import { randomPassword } from '../../lab/secrets';
import { makeTempDir } from '../../support/temp-dir';
import {
  asPostgresAdmin,
  callCore,
  postgresRoleExists,
  seedPostgresLab,
  type PostgresLab,
} from '../support/postgres-lab-core';

const dir = makeTempDir('jit-ownership-');
const dataDir = join(dir.path, 'data');
const passphraseFile = join(dir.path, 'passphrase');
const rolesToDrop = new Set<string>();
let core: Core;
let lab: PostgresLab;

async function openCore(): Promise<Core> {
  const opened = createCore({ dataDir, shell: 'browser', createBackend: confBackendFactory });
  await opened.unlockWithPassphraseFile(passphraseFile);
  await opened.ready;
  return opened;
}

async function until(id: string, state: Session['state'], ms = 30_000): Promise<Session> {
  const end = Date.now() + ms;
  for (;;) {
    const session = core.sessions.get(id);
    if (session.state === state) return session;
    if (Date.now() > end)
      throw new Error(`session ${id} is ${session.state}, not ${state}: ${session.error ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function canLogIn(user: string, password: string): Promise<boolean> {
  const { postgres } = labDetails();
  const client = new pg.Client({ ...postgres, user, password, database: postgres.database });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const call = (method: Parameters<typeof callCore>[1], input: unknown) => callCore(core, method, input);

beforeAll(async () => {
  writeFileSync(passphraseFile, 'integration passphrase\n', { mode: 0o600 });
  core = await openCore();
  lab = await seedPostgresLab(core);
});

afterAll(async () => {
  await core.shutdown();
  await asPostgresAdmin(async (c) => {
    for (const role of rolesToDrop) await c.query(`DROP ROLE IF EXISTS "${role}"`);
  });
  dir.remove();
});

describe('ownership on the real PostgreSQL', () => {
  it('a crash-interrupted provisioning: the sweep drops our role, and leaves a same-name role that is not ours', async () => {
    const credential = (await call('credentials.save', {
      credential: {
        username: 'reporting',
        type: 'Local user',
        deviceId: lab.deviceId,
        additionalInfo: labDetails().postgres.database,
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
    const first = (await call('sessions.start', { credentialId: credential.id })) as Session;
    rolesToDrop.add(first.account);
    await until(first.id, 'active');
    await call('sessions.end', { id: first.id });
    const done = await until(first.id, 'ended');

    // Two records as a crash leaves them (Provisioning on disk), each with its password in the
    // vault: `ours` was created with that password; `theirs` has the same kind of name and even the
    // marker comment (another workstation's session), but another password.
    const ours = uniqueName('jitown');
    const theirs = uniqueName('jitown');
    rolesToDrop.add(ours).add(theirs);
    const records = [ours, theirs].map((account): Session => ({
      ...done,
      id: `crash-${account}`,
      account,
      state: 'provisioning',
      endedAt: null,
      operationIds: [],
      cleanupAttempts: 0,
      error: null,
      rollback: false,
    }));
    const password = randomPassword();
    for (const record of records) await core.vault.put(sessionSecretRef(record.id), password);
    await core.shutdown();
    await asPostgresAdmin(async (c) => {
      // As the creation template leaves it: our password, our marker.
      await c.query(`CREATE ROLE "${ours}" LOGIN PASSWORD '${password}'`);
      await c.query(`COMMENT ON ROLE "${ours}" IS 'managed by jit-pam session crash-${ours}'`);
      await c.query(`CREATE ROLE "${theirs}" LOGIN PASSWORD '${randomPassword()}'`);
      await c.query(`COMMENT ON ROLE "${theirs}" IS 'managed by jit-pam session elsewhere'`);
    });
    const store = SessionStore.open({ dir: dataDir });
    for (const record of records) await store.save(record);
    await store.close();

    core = await openCore();
    const oursEnd = await until(`crash-${ours}`, 'failed');
    expect(await postgresRoleExists(ours)).toBe(false);
    expect(oursEnd.rollback).toBe(true);
    const theirsEnd = await until(`crash-${theirs}`, 'needs_attention');
    expect(theirsEnd.error).toContain(`${theirs} exists on pg-lab and was not proven ours`);
    expect(await postgresRoleExists(theirs)).toBe(true);
  }, 120_000);

  it('Enable/Disable on a role that could log in before: the session neither enables nor disables it', async () => {
    const role = uniqueName('jitbefore');
    const rolePassword = randomPassword();
    rolesToDrop.add(role);
    await asPostgresAdmin((c) => c.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${rolePassword}'`));
    const credential = (await call('credentials.save', {
      credential: {
        username: role,
        type: 'Local user',
        deviceId: lab.deviceId,
        additionalInfo: labDetails().postgres.database,
        jit: {
          enabled: true,
          type: 'enable_disable',
          authCredentialId: lab.adminId,
          enablePluginId: 'postgresql',
          enableTemplateId: lab.templateId('PostgreSQL: JIT enable role'),
          disablePluginId: 'postgresql',
          disableTemplateId: lab.templateId('PostgreSQL: JIT disable role'),
        },
      },
      password: { action: 'set', value: rolePassword },
    })) as { id: number };
    const started = (await call('sessions.start', { credentialId: credential.id })) as Session;
    const active = await until(started.id, 'active');
    expect(active.enabledBefore).toBe(true);
    expect(active.operationIds).toEqual([]);
    await call('sessions.end', { id: started.id });
    const ended = await until(started.id, 'ended');
    expect(ended.operationIds).toEqual([]);
    expect(await canLogIn(role, rolePassword)).toBe(true);
    // The enable template (VALID UNTIL the session's end) never ran: no expiry was put on the role.
    const validUntil = await asPostgresAdmin(
      async (c) =>
        (
          await c.query<{ v: Date | null }>('SELECT rolvaliduntil AS v FROM pg_roles WHERE rolname = $1', [
            role,
          ])
        ).rows[0]?.v,
    );
    expect(validUntil).toBeNull();
  }, 60_000);
});
