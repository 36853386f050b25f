// Every built-in PostgreSQL template against the lab's real server: creation and deletion,
// enable and disable (a NOLOGIN role is refused with 28000), password change, the live sessions
// a disable or delete must end, and the ownership marker that guards deletion.

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { TagValues } from '../../../../electron/plugins/plugin-runtime';
import { postgresqlBuiltinTemplates } from '../../../../electron/plugins/postgresql';
import { randomPassword } from '../../../lab/secrets';
import {
  adminLogin,
  backendsOf,
  closeAdmin,
  connectAs,
  dropRole,
  loginOutcome,
  plugin,
  roleFacts,
  roundTripName,
  runTemplate,
  sessionIsDead,
  tagsFor,
  target,
  withAdmin,
} from './support';

const made: string[] = [];
function newRole(): string {
  const name = roundTripName();
  made.push(name);
  return name;
}

afterEach(async () => {
  for (const name of made.splice(0)) await dropRole(name);
});

afterAll(closeAdmin);

const exists = (username: string): Promise<boolean> =>
  plugin.accountExists({ target: target(), login: adminLogin(), username });

describe('PostgreSQL built-in templates', () => {
  it('pass check()', () => {
    for (const builtin of postgresqlBuiltinTemplates)
      expect(plugin.check(builtin.content), builtin.key).toEqual([]);
  });

  it('New user, then User delete: the role exists, logs in, is marked, then is gone', async () => {
    const name = newRole();
    const tags = tagsFor(name);
    const created = await runTemplate('postgresql.create-role', tags);
    expect(created.failure).toBeNull();
    expect(await exists(name)).toBe(true);
    expect(await loginOutcome(name, tags.NEW_PASSWORD ?? '')).toBe('ok');
    expect(await roleFacts(name)).toEqual({
      canLogin: true,
      comment: `managed by jit-pam session ${tags.SESSION_ID}`,
    });

    const deleted = await runTemplate('postgresql.drop-role', tags);
    expect(deleted.failure).toBeNull();
    expect(await exists(name)).toBe(false);
    expect(await loginOutcome(name, tags.NEW_PASSWORD ?? '')).toBe('28P01');
  });

  it('sets VALID UNTIL from [#EXPIRATION#]: an expired role cannot log in', async () => {
    const name = newRole();
    const tags: TagValues = { ...tagsFor(name), EXPIRATION: new Date(Date.now() - 60_000).toISOString() };
    expect((await runTemplate('postgresql.create-role', tags)).failure).toBeNull();
    expect(await loginOutcome(name, tags.NEW_PASSWORD ?? '')).toBe('28P01');
  });

  it('Credential disable refuses logins (28000) and ends live sessions; enable lets it in again', async () => {
    const name = newRole();
    const tags = tagsFor(name);
    expect((await runTemplate('postgresql.create-role', tags)).failure).toBeNull();
    const live = await connectAs(name, tags.NEW_PASSWORD ?? '');

    const disabled = await runTemplate('postgresql.disable-role', tags);
    expect(disabled.failure).toBeNull();
    expect(await loginOutcome(name, tags.NEW_PASSWORD ?? '')).toBe('28000');
    await expect.poll(() => sessionIsDead(live), { interval: 20, timeout: 10_000 }).toBe(true);
    await live.end().catch(() => undefined);

    const enabled = await runTemplate('postgresql.enable-role', tags);
    expect(enabled.failure).toBeNull();
    expect(await loginOutcome(name, tags.NEW_PASSWORD ?? '')).toBe('ok');
  });

  it('Password change: the new password works, the old one no longer does', async () => {
    const name = newRole();
    const tags = tagsFor(name);
    expect((await runTemplate('postgresql.create-role', tags)).failure).toBeNull();
    const newPassword = randomPassword();
    expect(
      (await runTemplate('postgresql.change-password', { ...tags, NEW_PASSWORD: newPassword })).failure,
    ).toBeNull();
    expect(await loginOutcome(name, newPassword)).toBe('ok');
    expect(await loginOutcome(name, tags.NEW_PASSWORD ?? '')).toBe('28P01');
  });

  it('User delete ends the live sessions of the role it drops', async () => {
    const name = newRole();
    const tags = tagsFor(name);
    expect((await runTemplate('postgresql.create-role', tags)).failure).toBeNull();
    const live = await connectAs(name, tags.NEW_PASSWORD ?? '');
    expect((await runTemplate('postgresql.drop-role', tags)).failure).toBeNull();
    await expect.poll(() => sessionIsDead(live), { interval: 20, timeout: 10_000 }).toBe(true);
    await live.end().catch(() => undefined);
    expect(await backendsOf(name)).toBe(0);
  });

  it('User delete refuses a role without the marker, and changes nothing', async () => {
    const name = newRole();
    const password = randomPassword();
    await withAdmin((client) =>
      client.query(`CREATE ROLE ${client.escapeIdentifier(name)} LOGIN PASSWORD '${password}'`),
    );
    const result = await runTemplate('postgresql.drop-role', tagsFor(name));
    expect(result.failure).toMatchObject({ kind: 'target', line: 3 });
    expect(result.failure?.message).toContain(`refused: role ${name} is not managed by jit-pam`);
    expect(result.steps).toHaveLength(1);
    expect(await roleFacts(name)).toEqual({ canLogin: true, comment: null });
  });

  it('New user refuses to take over an existing role (CREATE ROLE fails, nothing changes)', async () => {
    const name = newRole();
    await withAdmin((client) => client.query(`CREATE ROLE ${client.escapeIdentifier(name)} NOLOGIN`));
    const result = await runTemplate('postgresql.create-role', tagsFor(name));
    expect(result.failure).toMatchObject({ kind: 'target', line: 4 });
    expect(await roleFacts(name)).toEqual({ canLogin: false, comment: null });
  });
});

describe('PostgreSQL endSessions and accountExists', () => {
  it('ends every live session of the account (and only those), and says how many', async () => {
    const name = newRole();
    const tags = tagsFor(name);
    expect((await runTemplate('postgresql.create-role', tags)).failure).toBeNull();
    const first = await connectAs(name, tags.NEW_PASSWORD ?? '');
    const second = await connectAs(name, tags.NEW_PASSWORD ?? '');
    const ended = await plugin.endSessions({ target: target(), login: adminLogin(), username: name });
    expect(ended).toBe(2);
    expect(await sessionIsDead(first)).toBe(true);
    expect(await sessionIsDead(second)).toBe(true);
    await Promise.all([first.end().catch(() => undefined), second.end().catch(() => undefined)]);
    expect(await backendsOf(name)).toBe(0);
    expect(await plugin.endSessions({ target: target(), login: adminLogin(), username: name })).toBe(0);
  });

  it('ends the role\u2019s sessions and says whether it exists in one call, leaving other roles\u2019 sessions alone', async () => {
    const name = newRole();
    const bystanderName = newRole();
    const tags = tagsFor(name);
    const bystanderTags = tagsFor(bystanderName);
    expect((await runTemplate('postgresql.create-role', tags)).failure).toBeNull();
    expect((await runTemplate('postgresql.create-role', bystanderTags)).failure).toBeNull();
    const first = await connectAs(name, tags.NEW_PASSWORD ?? '');
    const second = await connectAs(name, tags.NEW_PASSWORD ?? '');
    const bystander = await connectAs(bystanderName, bystanderTags.NEW_PASSWORD ?? '');
    const request = { target: target(), login: adminLogin(), username: name };
    expect(await plugin.endSessionsThenExists?.(request)).toEqual({ ended: 2, exists: true });
    expect(await sessionIsDead(first)).toBe(true);
    expect(await sessionIsDead(second)).toBe(true);
    expect(await sessionIsDead(bystander)).toBe(false);
    await Promise.all([
      first.end().catch(() => undefined),
      second.end().catch(() => undefined),
      bystander.end(),
    ]);
    expect((await runTemplate('postgresql.drop-role', tags)).failure).toBeNull();
    expect(await plugin.endSessionsThenExists?.(request)).toEqual({ ended: 0, exists: false });
  });

  it('matches the role name exactly', async () => {
    const name = newRole();
    expect((await runTemplate('postgresql.create-role', tagsFor(name))).failure).toBeNull();
    expect(await exists(name)).toBe(true);
    expect(await exists(name.toUpperCase())).toBe(false);
    expect(await exists(`${name} `)).toBe(false);
  });
});

describe('PostgreSQL runs', () => {
  it('stop at the first error, name the statement and line, and mask every secret', async () => {
    const name = newRole();
    const password = `pw'${randomPassword()}`;
    const result = await plugin.run({
      template: `CREATE ROLE "[#USERNAME#]" LOGIN PASSWORD '[#NEW_PASSWORD#]';\n\nALTER ROLE "[#USERNAME#]" PASSWORD '[#NEW_PASSWORD#]' NOSUCHOPTION;\nDROP ROLE "[#USERNAME#]";`,
      tags: { USERNAME: name, NEW_PASSWORD: password },
      target: target(),
      login: adminLogin(),
    });
    expect(result.ok).toBe(false);
    expect(result.steps.map((s) => [s.line, s.ok])).toEqual([
      [1, true],
      [3, false],
    ]);
    expect(result.failure).toMatchObject({ kind: 'target', line: 3 });
    expect(result.failure?.message).toMatch(
      new RegExp(`^Line 3: ALTER ROLE "${name}" PASSWORD '\\*{6}' NOSUCHOPTION: .+ \\(42601\\)$`),
    );
    const everything = JSON.stringify(result);
    expect(everything).not.toContain(password);
    expect(everything).not.toContain(password.replaceAll("'", "''"));
    expect(everything).not.toContain(adminLogin().password);
    expect(await roleFacts(name)).not.toBeNull();
  });

  it('report live steps as they finish', async () => {
    const lines: number[] = [];
    const result = await plugin.run({
      template: 'SELECT 1 AS one;\nSELECT 2 AS two',
      tags: {},
      target: target(),
      login: adminLogin(),
      onStep: (step) => lines.push(step.line),
    });
    expect(result.ok).toBe(true);
    expect(lines).toEqual([1, 2]);
    expect(result.steps[1]?.output).toBe('SELECT 1\ntwo=2');
  });

  it('connect to the login database', async () => {
    const result = await plugin.run({
      template: 'SELECT current_database() AS db',
      tags: {},
      target: target(),
      login: { ...adminLogin(), database: 'template1' },
    });
    expect(result.steps[0]?.output).toContain('db=template1');
  });

  it("fail as 'connect' on a wrong password, without the password", async () => {
    const result = await plugin.run({
      template: 'SELECT 1',
      tags: {},
      target: target(),
      login: { ...adminLogin(), password: 'not-the-password' },
    });
    expect(result.failure?.kind).toBe('connect');
    expect(result.failure?.message).toContain('password authentication failed');
    expect(JSON.stringify(result)).not.toContain('not-the-password');
  });

  it('follow the session when a template turns standard_conforming_strings off', async () => {
    const value = "a\\'b\\\\c";
    const result = await plugin.run({
      template:
        "SET standard_conforming_strings = off;\nSELECT '[#USERNAME#]' AS v;\nRESET standard_conforming_strings;\nSELECT '[#USERNAME#]' AS v",
      tags: { USERNAME: value },
      target: target(),
      login: adminLogin(),
    });
    expect(result.failure).toBeNull();
    // With the setting off the server also warns about the backslashes (a NOTICE line).
    expect(result.steps[1]?.output).toMatch(/^SELECT 1\nv=(.*)(\nNOTICE: .*)?$/);
    expect(result.steps[1]?.output.split('\n')[1]).toBe(`v=${value}`);
    expect(result.steps[3]?.output).toBe(`SELECT 1\nv=${value}`);
  });

  it('run one statement per message: a second statement cannot ride along', async () => {
    // The lexer keeps the dollar quote whole; if anything ever sent "a; b" as one message, the
    // extended protocol would refuse it rather than run b.
    const result = await plugin.run({
      template: 'SELECT $$;$$ AS v',
      tags: {},
      target: target(),
      login: adminLogin(),
    });
    expect(result.steps[0]?.output).toBe('SELECT 1\nv=;');
  });

  it('time out a statement that runs too long, and stop it on the server', async () => {
    const result = await plugin.run({
      template: "SELECT 1;\nSELECT pg_sleep(30), 'jit-timeout-probe'",
      tags: {},
      target: target(),
      login: adminLogin(),
      timeouts: { readSeconds: 0.5 },
    });
    expect(result.failure).toMatchObject({ kind: 'timeout', line: 2 });
    await expect
      .poll(
        () =>
          withAdmin(async (client) => {
            const left = await client.query(
              "SELECT 1 FROM pg_catalog.pg_stat_activity WHERE query LIKE '%jit-timeout-probe%' AND pid <> pg_backend_pid()",
            );
            return left.rowCount;
          }),
        { interval: 50, timeout: 10_000 },
      )
      .toBe(0);
  });

  it('cancel between statements when the signal aborts', async () => {
    const controller = new AbortController();
    const result = await plugin.run({
      template: 'SELECT 1;\nSELECT pg_sleep(30)',
      tags: {},
      target: target(),
      login: adminLogin(),
      signal: controller.signal,
      onStep: () => controller.abort(),
    });
    expect(result.failure).toMatchObject({ kind: 'canceled', line: 2 });
    expect(result.steps).toHaveLength(2);
  });
});
