// The connection a successful run leaves is kept a few seconds for the account check that follows
// (a second SCRAM login would cost as much as the template). Proves on the real server that the
// check really runs on it, and that the session was reset first: whatever the template set is gone.

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { labDetails } from '../../../lab/inject';
import { randomPassword } from '../../../lab/secrets';
import { closeAdmin, dropRole, plugin, roundTripName, target, withAdmin } from './support';

interface Backend {
  pid: number;
  query: string;
  application: string;
}

/** The sessions of one login (a login of its own, so parallel test files do not show up). */
function backendsOf(user: string): Promise<Backend[]> {
  return withAdmin(async (client) => {
    const result = await client.query<{ pid: number; query: string; application_name: string }>(
      'SELECT pid, query, application_name FROM pg_catalog.pg_stat_activity WHERE usename = $1',
      [user],
    );
    return result.rows.map((row) => ({ pid: row.pid, query: row.query, application: row.application_name }));
  });
}

const made: string[] = [];
afterEach(async () => {
  for (const name of made.splice(0)) await dropRole(name);
});
afterAll(closeAdmin);

describe('PostgreSQL kept connection', () => {
  it('is reset (DISCARD ALL) after a successful run and used by the account check that follows', async () => {
    const user = roundTripName();
    made.push(user);
    const password = randomPassword();
    await withAdmin((c) =>
      c.query(`CREATE ROLE ${c.escapeIdentifier(user)} SUPERUSER LOGIN PASSWORD '${password}'`),
    );
    const login = { username: user, password };

    const run = await plugin.run({
      template:
        "SET application_name = 'changed-by-template';\nCREATE TEMP TABLE kept (x int);\nSET ROLE pg_monitor",
      tags: {},
      target: target(),
      login,
    });
    expect(run.failure).toBeNull();
    const [kept, ...others] = await backendsOf(user);
    expect(others).toEqual([]);
    expect(kept).toMatchObject({ query: 'DISCARD ALL', application: 'jit-pam' });

    expect(
      await plugin.accountExists({ target: target(), login, username: labDetails().postgres.adminUser }),
    ).toBe(true);
    const after = await backendsOf(user);
    expect(after).toHaveLength(1);
    expect(after[0]?.pid).toBe(kept?.pid);
    expect(after[0]?.query).toContain('pg_roles');
    // Ending sessions from it works too: the reset dropped SET ROLE (pg_monitor may not signal).
    expect(await plugin.endSessions({ target: target(), login, username: 'nobody-at-all' })).toBe(0);
  });

  it('is not kept after a failed run, nor used by another login', async () => {
    const user = roundTripName();
    made.push(user);
    const password = randomPassword();
    await withAdmin((c) =>
      c.query(`CREATE ROLE ${c.escapeIdentifier(user)} SUPERUSER LOGIN PASSWORD '${password}'`),
    );
    const failed = await plugin.run({
      template: 'BEGIN;\nSELECT 1/0',
      tags: {},
      target: target(),
      login: { username: user, password },
    });
    expect(failed.failure?.kind).toBe('target');
    await expect.poll(() => backendsOf(user), { interval: 20, timeout: 5000 }).toEqual([]);
  });
});
