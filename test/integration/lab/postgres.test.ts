// Proves the lab's PostgreSQL enforces real logins: a role the admin creates can log in with its
// password, cannot once set NOLOGIN, and cannot once dropped.

import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { labDetails } from '../../lab/inject.js';
import { uniqueName } from '../../lab/names.js';
import { randomPassword } from '../../lab/secrets.js';

async function connect(user: string, password: string): Promise<pg.Client> {
  const { host, port, database } = labDetails().postgres;
  const client = new pg.Client({ host, port, database, user, password, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

async function currentUser(user: string, password: string): Promise<string> {
  const client = await connect(user, password);
  try {
    const result = await client.query<{ current_user: string }>('SELECT current_user');
    return result.rows[0]?.current_user ?? '';
  } finally {
    await client.end();
  }
}

describe('lab PostgreSQL server', () => {
  const role = uniqueName();
  const password = randomPassword();
  let admin: pg.Client;

  beforeEach(async () => {
    const { adminUser, adminPassword } = labDetails().postgres;
    admin = await connect(adminUser, adminPassword);
  });

  afterEach(async () => {
    await admin.query(`DROP ROLE IF EXISTS ${admin.escapeIdentifier(role)}`);
    await admin.end();
  });

  it('connects as the admin superuser', async () => {
    const result = await admin.query<{ rolsuper: boolean }>(
      'SELECT rolsuper FROM pg_roles WHERE rolname = current_user',
    );
    expect(result.rows[0]?.rolsuper).toBe(true);
  });

  it('creates a login role, connects as it, locks it, drops it', async () => {
    const id = admin.escapeIdentifier(role);
    await admin.query(`CREATE ROLE ${id} LOGIN PASSWORD ${admin.escapeLiteral(password)}`);
    expect(await currentUser(role, password)).toBe(role);

    // A wrong password is refused: the server really checks it (scram-sha-256 over TCP).
    await expect(connect(role, `${password}x`)).rejects.toMatchObject({ code: '28P01' });

    await admin.query(`ALTER ROLE ${id} NOLOGIN`);
    await expect(connect(role, password)).rejects.toMatchObject({ code: '28000' });

    await admin.query(`DROP ROLE ${id}`);
    const left = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    expect(left.rowCount).toBe(0);
    await expect(connect(role, password)).rejects.toMatchObject({ code: '28P01' });
  });
});
