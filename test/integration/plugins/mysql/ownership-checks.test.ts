// accountLogsIn and accountEnabled against the lab's real MariaDB: the proof a rollback needs
// before it drops an account (it logs in with the session's password), and the lock an
// Enable/Disable session reads before it enables anything (ACCOUNT LOCK on user@'%').

import { describe, expect, it } from 'vitest';
import { ownershipChecks } from '../ownership-checks';
import * as lab from './support';

const { plugin, withAdmin } = lab;

describe('MariaDB: ownership checks', () => {
  const { newAccount, enabled } = ownershipChecks({
    ...lab,
    remove: lab.dropAccount,
    templates: { create: 'mysql.create-user', disable: 'mysql.disable-user', enable: 'mysql.enable-user' },
    noun: 'account',
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
