// The connections of a server and login are kept (ConnectionPool) for the runs and account checks
// that follow (a second SCRAM login would cost as much as the template). Proves on the real server
// that the next run and check really run on the same backend, that the session was reset first
// (whatever the template set is gone), and that a changed password closes the kept connection.

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { labDetails } from '../../../lab/inject';
import { randomPassword } from '../../../lab/secrets';
import {
  closeAdmin,
  dropRole,
  plugin,
  roleFacts,
  roundTripName,
  tagsFor,
  target,
  template as builtin,
  withAdmin,
} from './support';

interface Backend {
  pid: number;
  query: string;
  state: string;
  application: string;
}

/** The sessions of one login (a login of its own, so parallel test files do not show up). */
function backendsOf(user: string): Promise<Backend[]> {
  return withAdmin(async (client) => {
    const result = await client.query<{
      pid: number;
      query: string;
      state: string;
      application_name: string;
    }>('SELECT pid, query, state, application_name FROM pg_catalog.pg_stat_activity WHERE usename = $1', [
      user,
    ]);
    return result.rows.map((row) => ({
      pid: row.pid,
      query: row.query,
      state: row.state,
      application: row.application_name,
    }));
  });
}

/**
 * The one backend of `user`, once it shows its reset done: the pool sends DISCARD ALL as it keeps
 * the connection, without waiting for the answer, so the run returns before the backend may have
 * read it (pg_stat_activity then still shows the run's last statement).
 */
async function resetBackend(user: string): Promise<Backend | undefined> {
  let backends: Backend[] = [];
  await expect
    .poll(
      async () => {
        backends = await backendsOf(user);
        return backends.map((b) => `${b.state}: ${b.query}`);
      },
      { interval: 20, timeout: 5000 },
    )
    .toEqual(['idle: DISCARD ALL']);
  return backends[0];
}

const made: string[] = [];
afterEach(async () => {
  for (const name of made.splice(0)) await dropRole(name);
});
afterAll(closeAdmin);

/** A superuser role of this test's own, so that its backends are only ours. */
async function superuser(): Promise<{ user: string; login: { username: string; password: string } }> {
  const user = roundTripName();
  made.push(user);
  const password = randomPassword();
  await withAdmin((c) =>
    c.query(`CREATE ROLE ${c.escapeIdentifier(user)} SUPERUSER LOGIN PASSWORD '${password}'`),
  );
  return { user, login: { username: user, password } };
}

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
    // Reset as soon as the run gave it back: nothing the template set waits with it.
    const kept = await resetBackend(user);
    expect(kept).toMatchObject({ query: 'DISCARD ALL', application: 'jit-pam' });

    expect(
      await plugin.accountExists({ target: target(), login, username: labDetails().postgres.adminUser }),
    ).toBe(true);
    const after = await backendsOf(user);
    expect(after).toHaveLength(1);
    expect(after[0]?.pid).toBe(kept?.pid);
    expect(after[0]).toMatchObject({
      application: 'jit-pam',
      query: expect.stringContaining('pg_roles') as unknown,
    });
    // Ending sessions from it works too: the reset dropped SET ROLE (pg_monitor may not signal).
    expect(await plugin.endSessions({ target: target(), login, username: 'nobody-at-all' })).toBe(0);
  });

  it('serves the next run on the same backend, without what the first run set', async () => {
    const { user, login } = await superuser();
    const probe =
      "SELECT pg_catalog.current_setting('jit.probe', true) AS probe, pg_catalog.pg_backend_pid() AS pid";
    const first = await plugin.run({
      template: `SET jit.probe = 'left-by-run-1';\n${probe}`,
      tags: {},
      target: target(),
      login,
    });
    expect(first.failure).toBeNull();
    expect(first.steps[1]?.output).toContain('probe=left-by-run-1');
    const second = await plugin.run({ template: probe, tags: {}, target: target(), login });
    expect(second.failure).toBeNull();
    const pid = (output: string | undefined): string | undefined => /pid=(\d+)/.exec(output ?? '')?.[1];
    expect(pid(second.steps[0]?.output)).toBe(pid(first.steps[1]?.output));
    // DISCARD ALL ran before it: the setting is back to none (an empty string after RESET).
    expect(second.steps[0]?.output).not.toContain('left-by-run-1');
    expect(await backendsOf(user)).toHaveLength(1);
  });

  it('is closed once the password changed and a call uses the new one', async () => {
    const { user, login } = await superuser();
    expect(
      (await plugin.run({ template: 'SELECT 1', tags: {}, target: target(), login })).failure,
    ).toBeNull();
    const [old] = await backendsOf(user);
    const password = randomPassword();
    await withAdmin((c) => c.query(`ALTER ROLE ${c.escapeIdentifier(user)} PASSWORD '${password}'`));
    const changed = { username: user, password };
    expect(
      (await plugin.run({ template: 'SELECT 1', tags: {}, target: target(), login: changed })).failure,
    ).toBeNull();
    await expect.poll(async () => (await backendsOf(user)).length, { interval: 20, timeout: 2000 }).toBe(1);
    const [now] = await backendsOf(user);
    expect(now?.pid).not.toBe(old?.pid);
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

  it.each([
    ['CURRENT_USER', (_user: string) => "ALTER ROLE CURRENT_USER PASSWORD '[#NEW_PASSWORD#]'"],
    ['its name', (user: string) => `ALTER ROLE ${user} PASSWORD '[#NEW_PASSWORD#]'`],
    // The attack review's: dynamic SQL in a DO block (command tag DO), and a login taken away.
    [
      'a DO block',
      (_user: string) =>
        `DO $$BEGIN EXECUTE format('ALTER ROLE %I PASSWORD %L', current_user, '${randomPassword()}'); END$$`,
    ],
    ['NOLOGIN', (_user: string) => 'ALTER ROLE CURRENT_USER NOLOGIN'],
    ['VALID UNTIL', (_user: string) => "ALTER ROLE CURRENT_USER VALID UNTIL '2000-01-01'"],
  ])('is not kept logged in with a password the run changed on the target (%s)', async (_, template) => {
    const { user, login } = await superuser();
    const changed = await plugin.run({
      template: template(user),
      tags: { NEW_PASSWORD: randomPassword() },
      target: target(),
      login,
    });
    expect(changed.failure).toBeNull();
    // The old password no longer logs in: a call with it must fail as a new login would.
    const stale = await plugin.run({ template: 'SELECT 1', tags: {}, target: target(), login });
    expect(stale.failure?.kind).toBe('connect');
    await expect.poll(() => backendsOf(user), { interval: 20, timeout: 5000 }).toEqual([]);
  });

  it('is not kept by a run that was going on when the plugin closed what it keeps (Lock during a run)', async () => {
    const { user, login } = await superuser();
    const running = plugin.run({ template: 'SELECT pg_sleep(0.5)', tags: {}, target: target(), login });
    await expect
      .poll(async () => (await backendsOf(user)).some((b) => b.query.includes('pg_sleep')), {
        interval: 20,
        timeout: 10_000,
      })
      .toBe(true);
    await plugin.closeKeptConnections?.();
    expect((await running).failure).toBeNull();
    // Kept, it would stay logged in for 15 s after the Lock.
    await expect.poll(() => backendsOf(user), { interval: 20, timeout: 5000 }).toEqual([]);
  });

  it('is closed when the plugin is asked to close what it keeps (vault Lock, quit)', async () => {
    const { user, login } = await superuser();
    expect(
      (await plugin.run({ template: 'SELECT 1', tags: {}, target: target(), login })).failure,
    ).toBeNull();
    expect(await backendsOf(user)).toHaveLength(1);
    await plugin.closeKeptConnections?.();
    await expect.poll(() => backendsOf(user), { interval: 20, timeout: 5000 }).toEqual([]);
  });

  it('is kept without a reset after a run of role and transaction commands only (the JIT creation)', async () => {
    const { user, login } = await superuser();
    const role = roundTripName();
    made.push(role);
    const run = await plugin.run({
      template: builtin('postgresql.create-role'),
      tags: tagsFor(role),
      target: target(),
      login,
    });
    expect(run.failure).toBeNull();
    const [kept, ...others] = await backendsOf(user);
    expect(others).toEqual([]);
    // No DISCARD ALL: the last statement the backend saw is the template's own.
    expect(kept).toMatchObject({ query: 'COMMIT', application: 'jit-pam' });
    expect(await plugin.accountExists({ target: target(), login, username: role })).toBe(true);
    const after = await backendsOf(user);
    expect(after.map((b) => b.pid)).toEqual([kept?.pid]);
  });

  it('is reset when one statement of the run is not a role or transaction command', async () => {
    const { user, login } = await superuser();
    const role = roundTripName();
    made.push(role);
    const run = await plugin.run({
      template: `CREATE ROLE "${role}" NOLOGIN;\nSELECT pg_catalog.set_config('search_path', 'pg_temp', false)`,
      tags: {},
      target: target(),
      login,
    });
    expect(run.failure).toBeNull();
    await resetBackend(user);
  });

  it('is closed, its transaction rolled back, after a run that left a transaction open', async () => {
    const { user, login } = await superuser();
    const role = roundTripName();
    made.push(role);
    const run = await plugin.run({
      template: `BEGIN;\nCREATE ROLE "${role}" NOLOGIN`,
      tags: {},
      target: target(),
      login,
    });
    expect(run.failure).toBeNull();
    // Kept, the open transaction would hold its locks until the connection's next use.
    await expect.poll(() => backendsOf(user), { interval: 20, timeout: 5000 }).toEqual([]);
    expect(await roleFacts(role)).toBeNull();
  });

  describe('with an event trigger that changes the session of its login', () => {
    /** A ddl_command_start trigger for one login only: parallel test files are not touched. */
    async function withTrigger(user: string, work: () => Promise<void>): Promise<void> {
      const name = `jit_kept_${user}`;
      await withAdmin(async (c) => {
        await c.query(`CREATE FUNCTION public."${name}"() RETURNS event_trigger LANGUAGE plpgsql AS $f$
          BEGIN
            IF session_user = '${user}' THEN
              PERFORM pg_catalog.set_config('search_path', 'set_by_event_trigger', false);
            END IF;
          END $f$`);
        await c.query(
          `CREATE EVENT TRIGGER "${name}" ON ddl_command_start EXECUTE FUNCTION public."${name}"()`,
        );
      });
      try {
        await work();
      } finally {
        await withAdmin(async (c) => {
          await c.query(`DROP EVENT TRIGGER IF EXISTS "${name}"`);
          await c.query(`DROP FUNCTION IF EXISTS public."${name}"()`);
        });
      }
    }

    const probe = "SELECT pg_catalog.current_setting('search_path') AS path";

    it('role commands fire none: the kept session is as the login left it, without a reset', async () => {
      const { user, login } = await superuser();
      const role = roundTripName();
      made.push(role);
      await withTrigger(user, async () => {
        const run = await plugin.run({
          template: `CREATE ROLE "${role}" NOLOGIN;\nCOMMENT ON ROLE "${role}" IS 'x';\nDROP ROLE "${role}"`,
          tags: {},
          target: target(),
          login,
        });
        expect(run.failure).toBeNull();
        expect((await backendsOf(user))[0]?.query).toBe(`DROP ROLE "${role}"`);
        const after = await plugin.run({ template: probe, tags: {}, target: target(), login });
        expect(after.steps[0]?.output).not.toContain('set_by_event_trigger');
      });
    });

    it.each([
      ['a block comment', 'DROP USER/**/MAPPING IF EXISTS FOR CURRENT_USER SERVER no_such_server'],
      [
        'a line comment',
        'DROP USER -- the FDW login\nMAPPING IF EXISTS FOR CURRENT_USER SERVER no_such_server',
      ],
      [
        'a line comment ended by a carriage return',
        'DROP USER -- the FDW login\rMAPPING IF EXISTS FOR CURRENT_USER SERVER no_such_server',
      ],
      [
        'long whitespace',
        `DROP USER${' '.repeat(40)}MAPPING IF EXISTS FOR CURRENT_USER SERVER no_such_server`,
      ],
    ])('USER MAPPING, which fires it, is reset however it is spaced (%s)', async (_, statement) => {
      const { user, login } = await superuser();
      await withTrigger(user, async () => {
        const run = await plugin.run({ template: statement, tags: {}, target: target(), login });
        expect(run.failure).toBeNull();
        await resetBackend(user);
        const after = await plugin.run({ template: probe, tags: {}, target: target(), login });
        expect(after.failure).toBeNull();
        expect(after.steps[0]?.output).not.toContain('set_by_event_trigger');
      });
    });
  });
});
