/**
 * JIT sessions through the real core (dispatcher, vault, session store, built-in PostgreSQL JIT
 * templates) against the lab's real PostgreSQL: the account appears, logs in with the session's
 * password, and is gone (or disabled) after the end.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/compose';
import { sessionSecretRef } from '../../../electron/lifecycle/session-lifecycle';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import type { MethodName } from '../../../shared/contract';
import type { Session } from '../../../shared/domain/session';
import { labDetails } from '../../lab/inject';
import { uniqueName } from '../../lab/names';
import { makeTempDir } from '../../support/temp-dir';
import {
  asPostgresAdmin,
  callCore,
  postgresRoleExists,
  seedPostgresLab,
  type PostgresLab,
} from '../support/postgres-lab-core';

let dir: ReturnType<typeof makeTempDir>;
let core: Core;
/** Roles a test made or may have left: dropped at the end whatever happened. */
const rolesToDrop = new Set<string>();

/** Whether `user` can log in with `password` (and run a query). */
async function canLogIn(user: string, password: string): Promise<boolean> {
  const { postgres } = labDetails();
  const client = new pg.Client({
    host: postgres.host,
    port: postgres.port,
    user,
    password,
    database: postgres.database,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function until(id: string, state: Session['state'], ms = 20_000): Promise<Session> {
  const end = Date.now() + ms;
  for (;;) {
    const session = core.sessions.get(id);
    if (session.state === state) return session;
    if (Date.now() > end)
      throw new Error(`session ${id} is ${session.state}, not ${state}: ${session.error ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

let lab: PostgresLab;
const call = (method: MethodName, input: unknown) => callCore(core, method, input);

beforeAll(async () => {
  dir = makeTempDir('jit-sessions-');
  core = createCore({ dataDir: join(dir.path, 'data'), shell: 'browser', createBackend: confBackendFactory });
  const passphraseFile = join(dir.path, 'passphrase');
  writeFileSync(passphraseFile, 'integration passphrase\n', { mode: 0o600 });
  await core.unlockWithPassphraseFile(passphraseFile);
  await core.ready;
  lab = await seedPostgresLab(core);
});

afterAll(async () => {
  await core.shutdown();
  await asPostgresAdmin(async (c) => {
    for (const role of rolesToDrop) await c.query(`DROP ROLE IF EXISTS "${role}"`);
  });
  dir.remove();
});

const template = (name: string) => lab.templateId(name);

describe('JIT sessions against the real PostgreSQL', () => {
  it('Creation and deletion: start creates a role that logs in with the session password; end drops it', async () => {
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
          createTemplateId: template('PostgreSQL: JIT create role'),
          deletePluginId: 'postgresql',
          deleteTemplateId: template('PostgreSQL: JIT drop role'),
        },
      },
      password: { action: 'keep' },
    })) as { id: number };

    const started = (await call('sessions.start', { credentialId: credential.id })) as Session;
    rolesToDrop.add(started.account);
    expect(started.state).toBe('requested');
    const active = await until(started.id, 'active');
    expect(await postgresRoleExists(active.account)).toBe(true);
    const password = core.vault.get(sessionSecretRef(active.id));
    expect(await canLogIn(active.account, password)).toBe(true);
    const listed = (await call('credentials.list', {})) as {
      rows: { id: number; sessionStatus: string }[];
    };
    expect(listed.rows.find((r) => r.id === credential.id)?.sessionStatus).toBe('Active');

    await call('sessions.end', { id: active.id });
    await until(active.id, 'ended');
    expect(await postgresRoleExists(active.account)).toBe(false);
    expect(core.vault.has(sessionSecretRef(active.id))).toBe(false);
  });

  it('Enable/Disable: the role logs in only while the session is active', async () => {
    const role = uniqueName('jitenable');
    const rolePassword = `Pw-${uniqueName('x')}`;
    rolesToDrop.add(role);
    await asPostgresAdmin((c) => c.query(`CREATE ROLE "${role}" NOLOGIN PASSWORD '${rolePassword}'`));
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
          enableTemplateId: template('PostgreSQL: JIT enable role'),
          disablePluginId: 'postgresql',
          disableTemplateId: template('PostgreSQL: JIT disable role'),
        },
      },
      password: { action: 'set', value: rolePassword },
    })) as { id: number };
    expect(await canLogIn(role, rolePassword)).toBe(false);

    const started = (await call('sessions.start', { credentialId: credential.id })) as Session;
    await until(started.id, 'active');
    expect(await canLogIn(role, rolePassword)).toBe(true);

    await call('sessions.end', { id: started.id });
    await until(started.id, 'ended');
    expect(await canLogIn(role, rolePassword)).toBe(false);
    expect(await postgresRoleExists(role)).toBe(true);
  });

  it('50 concurrent Creation and deletion sessions: 50 distinct roles, all gone after', async () => {
    const credential = (await call('credentials.save', {
      credential: {
        username: 'batch',
        type: 'Local user',
        deviceId: lab.deviceId,
        jit: {
          enabled: true,
          type: 'create_delete',
          authCredentialId: lab.adminId,
          createPluginId: 'postgresql',
          createTemplateId: template('PostgreSQL: JIT create role'),
          deletePluginId: 'postgresql',
          deleteTemplateId: template('PostgreSQL: JIT drop role'),
        },
      },
      password: { action: 'keep' },
    })) as { id: number };
    const started = await Promise.all(
      Array.from(
        { length: 50 },
        () => call('sessions.start', { credentialId: credential.id }) as Promise<Session>,
      ),
    );
    for (const s of started) rolesToDrop.add(s.account);
    expect(new Set(started.map((s) => s.account)).size).toBe(50);
    await Promise.all(started.map((s) => until(s.id, 'active', 60_000)));
    const existing = await asPostgresAdmin(
      async (c) =>
        (
          await c.query('SELECT count(*)::int AS n FROM pg_roles WHERE rolname = ANY($1)', [
            started.map((s) => s.account),
          ])
        ).rows[0] as { n: number },
    );
    expect(existing.n).toBe(50);
    await Promise.all(started.map((s) => call('sessions.end', { id: s.id })));
    await Promise.all(started.map((s) => until(s.id, 'ended', 60_000)));
    const left = await asPostgresAdmin(
      async (c) =>
        (
          await c.query('SELECT count(*)::int AS n FROM pg_roles WHERE rolname = ANY($1)', [
            started.map((s) => s.account),
          ])
        ).rows[0] as { n: number },
    );
    expect(left.n).toBe(0);
  }, 180_000);
});
