/**
 * Whose account a session acts on, against the lab's real PostgreSQL: two overlapping
 * Enable/Disable sessions on one role keep it able to log in until the second ends; a Creation
 * and deletion session whose generated name an unmanaged role already has is refused, and that
 * role keeps its password and attributes.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/domain/session';
import { labDetails } from '../../lab/inject';
import { uniqueName } from '../../lab/names';
import { asPostgresAdmin, callCore, seedPostgresLab, type PostgresLab } from '../support/postgres-lab-core';
import { ChosenNames, openSessionCore, untilState, type SessionCore } from '../support/session-core';

let sc: SessionCore;
let lab: PostgresLab;
/** Roles a test made or may have left: dropped at the end whatever happened. */
const rolesToDrop = new Set<string>();
const names = new ChosenNames();
const call = (method: Parameters<typeof callCore>[1], input: unknown) => callCore(sc.core, method, input);

/** Whether `user` can log in with `password` (and run a query). */
async function canLogIn(user: string, password: string): Promise<boolean> {
  const { postgres } = labDetails();
  const client = new pg.Client({ ...postgres, user, password });
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

beforeAll(async () => {
  sc = await openSessionCore('jit-sessions-pg-accounts-', { randomInt: names.randomInt });
  lab = await seedPostgresLab(sc.core);
});

afterAll(async () => {
  try {
    await sc.close();
  } finally {
    await asPostgresAdmin(async (c) => {
      for (const role of rolesToDrop) await c.query(`DROP ROLE IF EXISTS "${role}"`);
    });
  }
});

describe('Whose account a session acts on, against the real PostgreSQL', () => {
  it('two overlapping Enable/Disable sessions: the role logs in until the second one ends', async () => {
    const role = uniqueName('jitoverlap');
    const password = `Pw-${uniqueName('x')}`;
    rolesToDrop.add(role);
    await asPostgresAdmin((c) => c.query(`CREATE ROLE "${role}" NOLOGIN PASSWORD '${password}'`));
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
      password: { action: 'set', value: password },
    })) as { id: number };

    const first = (await call('sessions.start', { credentialId: credential.id })) as Session;
    await untilState(sc.core, first.id, 'active');
    const second = (await call('sessions.start', { credentialId: credential.id })) as Session;
    await untilState(sc.core, second.id, 'active');
    expect(await canLogIn(role, password)).toBe(true);

    await call('sessions.end', { id: first.id });
    const firstEnded = await untilState(sc.core, first.id, 'ended');
    expect(firstEnded.account).toBe(role);
    expect(await canLogIn(role, password)).toBe(true);

    await call('sessions.end', { id: second.id });
    await untilState(sc.core, second.id, 'ended');
    expect(await canLogIn(role, password)).toBe(false);
  });

  it('Creation and deletion refuses a generated name an unmanaged role has, and leaves that role untouched', async () => {
    const existing = await names.choose(sc.core);
    const password = `Pw-${uniqueName('x')}`;
    rolesToDrop.add(existing);
    await asPostgresAdmin(async (c) => {
      await c.query(
        `CREATE ROLE "${existing}" LOGIN CREATEDB CONNECTION LIMIT 3 VALID UNTIL '2099-01-01' PASSWORD '${password}'`,
      );
      await c.query(`COMMENT ON ROLE "${existing}" IS 'a person''s own role'`);
    });
    const snapshot = () =>
      asPostgresAdmin(
        async (c) =>
          (
            await c.query<Record<string, unknown>>(
              `SELECT rolpassword, rolcanlogin, rolcreatedb, rolconnlimit, rolvaliduntil, rolsuper, rolcreaterole,
                      shobj_description(oid, 'pg_authid') AS comment
                 FROM pg_authid WHERE rolname = $1`,
              [existing],
            )
          ).rows,
      );
    const before = await snapshot();
    expect(before).toHaveLength(1);
    const credential = (await call('credentials.save', {
      credential: {
        username: 'collide',
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

    const started = (await call('sessions.start', { credentialId: credential.id })) as Session;
    expect(started.account).toBe(existing);
    const failed = await untilState(sc.core, started.id, 'failed');
    expect(failed.error).toMatch(/exists already .* left untouched/);
    await sc.core.sessions.idle();

    expect(await snapshot()).toEqual(before);
    expect(await canLogIn(existing, password)).toBe(true);
  });
});
