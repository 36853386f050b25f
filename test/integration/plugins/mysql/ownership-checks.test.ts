// accountLogsIn and accountEnabled against the lab's real MariaDB: the proof a rollback needs
// before it drops an account (it logs in with the session's password), and the lock an
// Enable/Disable session reads before it enables anything (ACCOUNT LOCK on user@'%').

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { randomPassword } from '../../../lab/secrets';
import {
  adminLogin,
  closeAdmin,
  dropAccount,
  plugin,
  roundTripName,
  runTemplate,
  tagsFor,
  target,
  withAdmin,
} from './support';

const made: string[] = [];
afterEach(async () => {
  for (const name of made.splice(0)) await dropAccount(name);
});
afterAll(closeAdmin);

async function newAccount(): Promise<{ name: string; password: string }> {
  const name = roundTripName();
  made.push(name);
  const tags = tagsFor(name);
  const created = await runTemplate('mysql.create-user', tags);
  expect(created.failure).toBeNull();
  return { name, password: tags.NEW_PASSWORD ?? '' };
}

const request = (username: string) => ({ target: target(), login: adminLogin(), username });
const logsIn = (username: string, password: string) =>
  plugin.accountLogsIn({ ...request(username), password });
const enabled = (username: string) => plugin.accountEnabled(request(username));

describe('MariaDB: ownership checks', () => {
  it('accountLogsIn: true with the password it was created with; false with another, or no such account', async () => {
    const { name, password } = await newAccount();
    expect(await logsIn(name, password)).toBe(true);
    expect(await logsIn(name, randomPassword())).toBe(false);
    expect(await logsIn(roundTripName(), password)).toBe(false);
  });

  it('accountEnabled follows the built-in disable and enable; a locked account does not log in either', async () => {
    const { name, password } = await newAccount();
    expect(await enabled(name)).toBe(true);
    expect((await runTemplate('mysql.disable-user', tagsFor(name))).failure).toBeNull();
    expect(await enabled(name)).toBe(false);
    expect(await logsIn(name, password)).toBe(false);
    expect((await runTemplate('mysql.enable-user', tagsFor(name))).failure).toBeNull();
    expect(await enabled(name)).toBe(true);
    expect(await enabled(roundTripName())).toBe(false);
  });

  it('user names are compared as the server does: case counts', async () => {
    const { name } = await newAccount();
    expect(await enabled(name.toUpperCase())).toBe(false);
  });

  it("the plugin's 32 characters fit the lab's MariaDB (and MySQL's 32)", async () => {
    const longest = await withAdmin(async (connection) => {
      const [rows] = await connection.query<import('mysql2').RowDataPacket[]>(
        `SELECT CHARACTER_MAXIMUM_LENGTH AS n FROM information_schema.COLUMNS
          WHERE TABLE_SCHEMA = 'mysql' AND TABLE_NAME = 'user' AND COLUMN_NAME = 'User'`,
      );
      return Number(rows[0]?.n);
    });
    expect(longest).toBeGreaterThanOrEqual(plugin.accountNames.maxLength);
    expect(plugin.accountNames.maxLength).toBe(32);
  });
});
