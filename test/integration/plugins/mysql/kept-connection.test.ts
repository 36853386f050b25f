// The connections of a server and login are kept (ConnectionPool) for the runs and account checks
// that follow. Proves on the real server that the next check and run use the same connection, that
// the session was reset first (COM_CHANGE_USER): what a template left (an open transaction, a
// user variable) is gone, and that a changed password closes the kept connection.

import type { RowDataPacket } from 'mysql2';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { randomPassword } from '../../../lab/secrets';
import { closeAdmin, dropAccount, plugin, roundTripName, target, withAdmin } from './support';

function sessionIds(user: string): Promise<number[]> {
  return withAdmin(async (c) => {
    const [rows] = await c.query<RowDataPacket[]>(
      'SELECT ID AS id FROM information_schema.PROCESSLIST WHERE USER = ?',
      [user],
    );
    return rows.map((row) => Number(row.id));
  });
}

function openTransactions(threadId: number): Promise<number> {
  return withAdmin(async (c) => {
    const [rows] = await c.query<RowDataPacket[]>(
      'SELECT 1 FROM information_schema.INNODB_TRX WHERE trx_mysql_thread_id = ?',
      [threadId],
    );
    return rows.length;
  });
}

const made: string[] = [];
afterEach(async () => {
  for (const name of made.splice(0)) await dropAccount(name);
});
afterAll(closeAdmin);

/** An account of this test's own, with every privilege, so that its connections are only ours. */
async function account(): Promise<{ user: string; login: { username: string; password: string } }> {
  const user = roundTripName();
  made.push(user);
  const password = randomPassword();
  await withAdmin(async (c) => {
    await c.query('CREATE USER ?@? IDENTIFIED BY ?', [user, '%', password]);
    await c.query('GRANT ALL PRIVILEGES ON *.* TO ?@?', [user, '%']);
  });
  return { user, login: { username: user, password } };
}

describe('MySQL kept connection', () => {
  it('is reset after a successful run and used by the account check that follows', async () => {
    const user = roundTripName();
    made.push(user);
    const password = randomPassword();
    await withAdmin(async (c) => {
      await c.query('CREATE USER ?@? IDENTIFIED BY ?', [user, '%', password]);
      await c.query('GRANT ALL PRIVILEGES ON *.* TO ?@?', [user, '%']);
    });
    const login = { username: user, password };

    // A template that leaves a transaction open: kept as it is, the connection would hold it.
    const run = await plugin.run({
      template: "SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES';\nSTART TRANSACTION WITH CONSISTENT SNAPSHOT",
      tags: {},
      target: target(),
      login,
    });
    expect(run.failure).toBeNull();
    const kept = await sessionIds(user);
    expect(kept).toHaveLength(1);
    expect(await openTransactions(kept[0] ?? -1)).toBe(0);

    expect(await plugin.accountExists({ target: target(), login, username: user })).toBe(true);
    expect(await sessionIds(user)).toEqual(kept);
  });

  it('serves the next run on the same connection, without what the first run set', async () => {
    const { user, login } = await account();
    const probe = 'SELECT @probe AS probe, CONNECTION_ID() AS id';
    const first = await plugin.run({
      template: `SET @probe = 'left-by-run-1';\n${probe}`,
      tags: {},
      target: target(),
      login,
    });
    expect(first.failure).toBeNull();
    expect(first.steps[1]?.output).toContain('probe=left-by-run-1');
    const second = await plugin.run({ template: probe, tags: {}, target: target(), login });
    expect(second.failure).toBeNull();
    const id = (output: string | undefined): string | undefined => /id=(\d+)/.exec(output ?? '')?.[1];
    expect(id(second.steps[0]?.output)).toBe(id(first.steps[1]?.output));
    expect(second.steps[0]?.output).not.toContain('left-by-run-1');
    expect(await sessionIds(user)).toHaveLength(1);
  });

  it('is closed once the password changed and a call uses the new one', async () => {
    const { user, login } = await account();
    expect(
      (await plugin.run({ template: 'SELECT 1', tags: {}, target: target(), login })).failure,
    ).toBeNull();
    const [old] = await sessionIds(user);
    const password = randomPassword();
    await withAdmin((c) => c.query('ALTER USER ?@? IDENTIFIED BY ?', [user, '%', password]));
    const changed = { username: user, password };
    expect(
      (await plugin.run({ template: 'SELECT 1', tags: {}, target: target(), login: changed })).failure,
    ).toBeNull();
    // At once, not at the end of its idle time.
    await expect.poll(async () => (await sessionIds(user)).length, { interval: 20, timeout: 2000 }).toBe(1);
    expect((await sessionIds(user))[0]).not.toBe(old);
  });

  it('serves the next run without the role or the database the first run chose', async () => {
    const { user, login } = await account();
    const role = `r${user}`;
    await withAdmin(async (c) => {
      await c.query(`CREATE ROLE ${role}`);
      await c.query(`GRANT ${role} TO ?@?`, [user, '%']);
    });
    try {
      const probe = 'SELECT CURRENT_ROLE() AS role, DATABASE() AS db, CONNECTION_ID() AS id';
      const first = await plugin.run({
        template: `SET ROLE ${role};\nUSE mysql;\n${probe}`,
        tags: {},
        target: target(),
        login,
      });
      expect(first.failure).toBeNull();
      expect(first.steps[2]?.output).toContain(`role=${role}, db=mysql`);
      const second = await plugin.run({ template: probe, tags: {}, target: target(), login });
      expect(second.failure).toBeNull();
      // A fresh login's: no role set, no database (the login names none).
      expect(second.steps[0]?.output).toContain('role=NULL, db=NULL');
      expect(await sessionIds(user)).toHaveLength(1);
    } finally {
      await withAdmin((c) => c.query(`DROP ROLE ${role}`));
    }
  });

  it('is not kept logged in with a password the run changed on the target', async () => {
    const { user, login } = await account();
    const changed = await plugin.run({
      template: "SET PASSWORD = PASSWORD('[#NEW_PASSWORD#]')",
      tags: { NEW_PASSWORD: randomPassword() },
      target: target(),
      login,
    });
    expect(changed.failure).toBeNull();
    // The old password no longer logs in: a call with it must fail as a new login would.
    const stale = await plugin.run({ template: 'SELECT 1', tags: {}, target: target(), login });
    expect(stale.failure?.kind).toBe('connect');
    // The server drops the session's row once it has seen the close.
    await expect.poll(async () => (await sessionIds(user)).length, { interval: 20, timeout: 5000 }).toBe(0);
  });

  it('is closed when the plugin is asked to close what it keeps (vault Lock, quit)', async () => {
    const { user, login } = await account();
    expect(
      (await plugin.run({ template: 'SELECT 1', tags: {}, target: target(), login })).failure,
    ).toBeNull();
    expect(await sessionIds(user)).toHaveLength(1);
    await plugin.closeKeptConnections?.();
    await expect.poll(async () => (await sessionIds(user)).length, { interval: 20, timeout: 5000 }).toBe(0);
  });
});
