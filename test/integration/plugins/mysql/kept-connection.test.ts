// The connection a successful run leaves is kept a few seconds for the account check that follows.
// Proves on the real server that the check runs on it, and that the session was reset first
// (COM_RESET_CONNECTION): what a template left (here an open transaction) is gone.

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
});
