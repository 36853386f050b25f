// Review (review2): the rollback proof logs in as the role, to the authentication login's
// database. On a server that grants CONNECT only by name (REVOKE CONNECT … FROM PUBLIC, a common
// hardening), PostgreSQL authenticates the role first and only then refuses the database
// (42501): the password was right, so the role is the session's. It was reported as "could not
// be asked", and the rollback never deleted the role (retried by every sweep, forever).

import { randomInt } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { randomPassword } from '../../../lab/secrets';
import {
  adminLogin,
  closeAdmin,
  dropRole,
  plugin,
  roundTripName,
  runTemplate,
  tagsFor,
  target,
  withAdmin,
} from './support';

const database = `rv2nocon${randomInt(1e8)}`;
const made: string[] = [];
afterAll(async () => {
  for (const name of made) await dropRole(name);
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${database}`));
  await closeAdmin();
});

it('a role refused the database after a good password logs in; a wrong password stays refused', async () => {
  await withAdmin(async (c) => {
    await c.query(`CREATE DATABASE ${database}`);
    await c.query(`REVOKE CONNECT ON DATABASE ${database} FROM PUBLIC`);
  });
  const name = roundTripName();
  made.push(name);
  const tags = tagsFor(name);
  expect((await runTemplate('postgresql.create-role', tags)).failure).toBeNull();
  const request = { target: target(), login: { ...adminLogin(), database }, username: name };
  expect(await plugin.accountLogsIn({ ...request, password: tags.NEW_PASSWORD ?? '' })).toBe(true);
  expect(await plugin.accountLogsIn({ ...request, password: randomPassword() })).toBe(false);
});
