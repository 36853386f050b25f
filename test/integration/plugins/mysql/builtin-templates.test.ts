// Every built-in MySQL/MariaDB template against the lab's real MariaDB: creation and deletion,
// enable and disable (a locked account is refused with errno 4151), password change, the live
// sessions a disable or delete must end, and the session state the escaping follows.

import type { Connection } from 'mysql2/promise';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { mysqlBuiltinTemplates } from '../../../../electron/plugins/mysql';
import { randomPassword } from '../../../lab/secrets';
import {
  ACCESS_DENIED,
  ACCOUNT_LOCKED,
  accountFacts,
  adminLogin,
  closeAdmin,
  connectAs,
  dropAccount,
  loginOutcome,
  plugin,
  roundTripName,
  runTemplate,
  sessionIsDead,
  sessionsOf,
  tagsFor,
  target,
  template,
  withAdmin,
} from './support';

const made: string[] = [];
const open: Connection[] = [];
function newAccount(): string {
  const name = roundTripName();
  made.push(name);
  return name;
}
async function liveSession(user: string, password: string): Promise<Connection> {
  const connection = await connectAs(user, password);
  connection.on('error', () => undefined);
  open.push(connection);
  return connection;
}

afterEach(async () => {
  for (const connection of open.splice(0)) connection.destroy();
  for (const name of made.splice(0)) await dropAccount(name);
});

afterAll(closeAdmin);

const exists = (username: string): Promise<boolean> =>
  plugin.accountExists({ target: target(), login: adminLogin(), username });

describe('MySQL built-in templates', () => {
  it('pass check()', () => {
    for (const builtin of mysqlBuiltinTemplates)
      expect(plugin.check(builtin.content), builtin.key).toEqual([]);
  });

  it('New user, then User delete: the account exists, logs in, is marked, then is gone', async () => {
    const name = newAccount();
    const tags = tagsFor(name);
    const created = await runTemplate('mysql.create-user', tags);
    expect(created.failure).toBeNull();
    expect(await exists(name)).toBe(true);
    expect(await loginOutcome(name, tags.NEW_PASSWORD ?? '')).toBe('ok');
    expect(await accountFacts(name)).toEqual({ locked: false, marked: true });

    const deleted = await runTemplate('mysql.drop-user', tags);
    expect(deleted.failure).toBeNull();
    expect(await exists(name)).toBe(false);
    expect(ACCESS_DENIED).toContain(await loginOutcome(name, tags.NEW_PASSWORD ?? ''));
  });

  it('Credential disable locks the account (errno 4151) and ends live sessions; enable unlocks it', async () => {
    const name = newAccount();
    const tags = tagsFor(name);
    expect((await runTemplate('mysql.create-user', tags)).failure).toBeNull();
    const live = await liveSession(name, tags.NEW_PASSWORD ?? '');

    expect((await runTemplate('mysql.disable-user', tags)).failure).toBeNull();
    expect(await loginOutcome(name, tags.NEW_PASSWORD ?? '')).toBe(ACCOUNT_LOCKED);
    await expect.poll(() => sessionIsDead(live), { interval: 20, timeout: 10_000 }).toBe(true);
    expect(await accountFacts(name)).toEqual({ locked: true, marked: true });

    expect((await runTemplate('mysql.enable-user', tags)).failure).toBeNull();
    expect(await loginOutcome(name, tags.NEW_PASSWORD ?? '')).toBe('ok');
  });

  it('Password change: the new password works, the old one no longer does', async () => {
    const name = newAccount();
    const tags = tagsFor(name);
    expect((await runTemplate('mysql.create-user', tags)).failure).toBeNull();
    const newPassword = randomPassword();
    expect(
      (await runTemplate('mysql.change-password', { ...tags, NEW_PASSWORD: newPassword })).failure,
    ).toBeNull();
    expect(await loginOutcome(name, newPassword)).toBe('ok');
    expect(ACCESS_DENIED).toContain(await loginOutcome(name, tags.NEW_PASSWORD ?? ''));
  });

  it('User delete ends the live sessions of the account it drops', async () => {
    const name = newAccount();
    const tags = tagsFor(name);
    expect((await runTemplate('mysql.create-user', tags)).failure).toBeNull();
    const live = await liveSession(name, tags.NEW_PASSWORD ?? '');
    expect((await runTemplate('mysql.drop-user', tags)).failure).toBeNull();
    await expect.poll(() => sessionIsDead(live), { interval: 20, timeout: 10_000 }).toBe(true);
    expect(await sessionsOf(name)).toBe(0);
  });

  it('New user stopped before its GRANT (killed there) leaves a locked, unmarked account: nobody logs in', async () => {
    const name = newAccount();
    const tags = tagsFor(name);
    const content = template('mysql.create-user');
    const upToGrant = content.slice(0, content.indexOf('GRANT jit_pam_managed'));
    const result = await plugin.run({ template: upToGrant, tags, target: target(), login: adminLogin() });
    expect(result.failure).toBeNull();
    expect(await exists(name)).toBe(true);
    expect(await accountFacts(name)).toEqual({ locked: true, marked: false });
    expect(await loginOutcome(name, tags.NEW_PASSWORD ?? '')).toBe(ACCOUNT_LOCKED);
  });

  it('New user by a login that may create accounts but not grant the marker role: fails at the GRANT, the account stays locked', async () => {
    const login = { ...adminLogin(), username: newAccount(), password: randomPassword() };
    await withAdmin(async (c) => {
      await c.query('CREATE ROLE IF NOT EXISTS jit_pam_managed');
      await c.query('CREATE USER ?@? IDENTIFIED BY ?', [login.username, '%', login.password]);
      await c.query('GRANT CREATE USER ON *.* TO ?@?', [login.username, '%']);
    });
    const name = newAccount();
    const tags = tagsFor(name);
    const result = await plugin.run({
      template: template('mysql.create-user'),
      tags,
      target: target(),
      login,
    });
    expect(result.failure).toMatchObject({ kind: 'target', line: 4 });
    expect(await accountFacts(name)).toEqual({ locked: true, marked: false });
    expect(await loginOutcome(name, tags.NEW_PASSWORD ?? '')).toBe(ACCOUNT_LOCKED);
  });

  it('New user refuses to take over an existing account (CREATE USER fails)', async () => {
    const name = newAccount();
    await withAdmin((c) => c.query('CREATE USER ?@? ACCOUNT LOCK', [name, '%']));
    const result = await runTemplate('mysql.create-user', tagsFor(name));
    expect(result.failure).toMatchObject({ kind: 'target', line: 3 });
    expect(result.failure?.message).toMatch(/Operation CREATE USER failed .*\(errno 1396\)$/);
    expect(await accountFacts(name)).toEqual({ locked: true, marked: false });
  });
});

describe('MySQL built-in User delete: only accounts marked as ours', () => {
  it('refuses an account without the role jit_pam_managed before anything else runs', async () => {
    const name = newAccount();
    const password = randomPassword();
    // The marker role exists (a creation ran before), but this account never got it.
    await withAdmin(async (c) => {
      await c.query('CREATE ROLE IF NOT EXISTS jit_pam_managed');
      await c.query('CREATE USER ?@? IDENTIFIED BY ?', [name, '%', password]);
    });
    const live = await liveSession(name, password);

    const result = await runTemplate('mysql.drop-user', tagsFor(name));
    expect(result.failure).toMatchObject({ kind: 'target', line: 3 });
    expect(await exists(name)).toBe(true);
    expect(await accountFacts(name)).toEqual({ locked: false, marked: false });
    expect(await loginOutcome(name, password)).toBe('ok');
    expect(await sessionIsDead(live)).toBe(false);
  });
});

describe('MySQL endSessions and accountExists', () => {
  it('KILLs every live session of the account, and says how many', async () => {
    const name = newAccount();
    const tags = tagsFor(name);
    expect((await runTemplate('mysql.create-user', tags)).failure).toBeNull();
    const first = await liveSession(name, tags.NEW_PASSWORD ?? '');
    const second = await liveSession(name, tags.NEW_PASSWORD ?? '');
    expect(await plugin.endSessions({ target: target(), login: adminLogin(), username: name })).toBe(2);
    expect(await sessionIsDead(first)).toBe(true);
    expect(await sessionIsDead(second)).toBe(true);
    expect(await sessionsOf(name)).toBe(0);
    expect(await plugin.endSessions({ target: target(), login: adminLogin(), username: name })).toBe(0);
  });

  it('finds the account whatever its host', async () => {
    const name = newAccount();
    await withAdmin((c) => c.query('CREATE USER ?@? ACCOUNT LOCK', [name, '10.9.8.7']));
    expect(await exists(name)).toBe(true);
    await withAdmin((c) => c.query('DROP USER ?@?', [name, '10.9.8.7']));
    expect(await exists(name)).toBe(false);
  });
});

describe('MySQL runs', () => {
  it('stop at the first error, name the statement and line, and mask every secret', async () => {
    const name = newAccount();
    const password = `pw'\\${randomPassword()}`;
    const result = await plugin.run({
      template: `CREATE USER '[#USERNAME#]'@'%' IDENTIFIED BY '[#NEW_PASSWORD#]';\n\nALTER USER '[#USERNAME#]'@'%' IDENTIFIED BY '[#NEW_PASSWORD#]' NOSUCH;\nDROP USER '[#USERNAME#]'@'%';`,
      tags: { USERNAME: name, NEW_PASSWORD: password },
      target: target(),
      login: adminLogin(),
    });
    expect(result.steps.map((s) => [s.line, s.ok])).toEqual([
      [1, true],
      [3, false],
    ]);
    expect(result.failure).toMatchObject({ kind: 'target', line: 3 });
    expect(result.failure?.message).toMatch(
      new RegExp(`^Line 3: ALTER USER '${name}'@'%' IDENTIFIED BY '\\*{6}' NOSUCH: .*\\(errno 1064\\)$`),
    );
    const everything = JSON.stringify(result);
    for (const form of [password, password.replaceAll("'", "''"), password.replaceAll('\\', '\\\\')]) {
      expect(everything).not.toContain(JSON.stringify(form).slice(1, -1));
    }
    expect(everything).not.toContain(adminLogin().password);
    expect(await loginOutcome(name, password)).toBe('ok');
  });

  it('connect to the login database', async () => {
    const result = await plugin.run({
      template: 'SELECT DATABASE() AS db',
      tags: {},
      target: target(),
      login: { ...adminLogin(), database: 'mysql' },
    });
    expect(result.steps[0]?.output).toBe('1 row(s)\ndb=mysql');
  });

  it("fail as 'connect' on a wrong password, without the password", async () => {
    const result = await plugin.run({
      template: 'SELECT 1',
      tags: {},
      target: target(),
      login: { ...adminLogin(), password: 'not-the-password' },
    });
    expect(result.failure?.kind).toBe('connect');
    expect(result.failure?.message).toContain('(errno 1045)');
    expect(JSON.stringify(result)).not.toContain('not-the-password');
  });

  it('follow the session when a template sets NO_BACKSLASH_ESCAPES', async () => {
    const value = "a\\'b\\\\c\\";
    const result = await plugin.run({
      template:
        "SELECT '[#USERNAME#]' AS v;\nSET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',NO_BACKSLASH_ESCAPES');\nSELECT '[#USERNAME#]' AS v, \"[#USERNAME#]\" AS w",
      tags: { USERNAME: value },
      target: target(),
      login: adminLogin(),
    });
    expect(result.failure).toBeNull();
    expect(result.steps[0]?.output).toBe(`1 row(s)\nv=${value}`);
    expect(result.steps[2]?.output).toBe(`1 row(s)\nv=${value}, w=${value}`);
  });

  it('refuse a backslash once a template switches to a character set that could swallow it', async () => {
    const result = await plugin.run({
      template: "SET NAMES gbk;\nSELECT '[#USERNAME#]' AS v",
      tags: { USERNAME: 'a\\b' },
      target: target(),
      login: adminLogin(),
    });
    expect(result.failure).toMatchObject({ kind: 'refused', line: 2 });
    expect(result.steps).toHaveLength(1);
  });

  it('time out a statement that runs too long, and KILL it on the server', async () => {
    const result = await plugin.run({
      template: "SELECT 1;\nSELECT SLEEP(30), 'jit-timeout-probe'",
      tags: {},
      target: target(),
      login: adminLogin(),
      timeouts: { readSeconds: 0.5 },
    });
    expect(result.failure).toMatchObject({ kind: 'timeout', line: 2 });
    await expect
      .poll(
        () =>
          withAdmin(async (c) => {
            const [rows] = await c.query<import('mysql2').RowDataPacket[]>(
              "SELECT 1 FROM information_schema.PROCESSLIST WHERE INFO LIKE '%jit-timeout-probe%' AND ID <> CONNECTION_ID()",
            );
            return rows.length;
          }),
        { interval: 50, timeout: 10_000 },
      )
      .toBe(0);
  });

  it('cancel between statements when the signal aborts', async () => {
    const controller = new AbortController();
    const result = await plugin.run({
      template: 'SELECT 1;\nSELECT SLEEP(30)',
      tags: {},
      target: target(),
      login: adminLogin(),
      signal: controller.signal,
      onStep: () => controller.abort(),
    });
    expect(result.failure).toMatchObject({ kind: 'canceled', line: 2 });
  });

  it('send one statement per query: a ";" inside a string is not a second statement', async () => {
    const result = await plugin.run({
      template: "SELECT 'a;b' AS v; SELECT 2 AS w",
      tags: {},
      target: target(),
      login: adminLogin(),
    });
    expect(result.steps.map((s) => s.output)).toEqual(['1 row(s)\nv=a;b', '1 row(s)\nw=2']);
  });
});
