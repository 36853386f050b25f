// The built-in templates set passwords as their mysql_native_password hash, computed by the core:
// with the general log on (every statement the server receives), the log holds the creation and
// the password change, and never the password; the account logs in with the password all the same.

import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlNativePasswordHash } from '../../../../electron/plugins/tag-engine/password-hashes';
import { randomPassword } from '../../../lab/secrets';
import {
  closeAdmin,
  dropAccount,
  loginOutcome,
  roundTripName,
  runTemplate,
  tagsFor,
  withAdmin,
} from './support';

/** The general log's statements that mention `name` (it is written to the table mysql.general_log). */
const loggedStatements = (name: string): Promise<string[]> =>
  withAdmin(async (connection) => {
    const [rows] = await connection.query<RowDataPacket[]>(
      'SELECT CONVERT(argument USING utf8mb4) AS text FROM mysql.general_log WHERE argument LIKE ?',
      [`%${name}%`],
    );
    return rows.map((row) => String(row.text));
  });

const made: string[] = [];
let before: { output: string; on: number } | null = null;

beforeAll(async () => {
  await withAdmin(async (connection) => {
    const [rows] = await connection.query<RowDataPacket[]>(
      'SELECT @@GLOBAL.log_output AS output, @@GLOBAL.general_log AS `on`',
    );
    before = { output: String(rows[0]?.output), on: Number(rows[0]?.on) };
    // Both take effect for every session at its next statement.
    await connection.query("SET GLOBAL log_output = 'TABLE'");
    await connection.query('SET GLOBAL general_log = ON');
  });
});

afterAll(async () => {
  for (const name of made) await dropAccount(name);
  await withAdmin(async (connection) => {
    await connection.query('SET GLOBAL general_log = ?', [before?.on ?? 0]);
    await connection.query('SET GLOBAL log_output = ?', [before?.output ?? 'FILE']);
    await connection.query('TRUNCATE TABLE mysql.general_log');
  });
  await closeAdmin();
});

describe('MySQL/MariaDB built-ins keep the password out of the general log', () => {
  it('New user and Password change: the statements are logged, the passwords are not', async () => {
    const name = roundTripName();
    made.push(name);
    const tags = tagsFor(name);
    expect((await runTemplate('mysql.create-user', tags)).failure).toBeNull();
    expect(await loginOutcome(name, tags.NEW_PASSWORD ?? '')).toBe('ok');

    const changed = { ...tags, NEW_PASSWORD: randomPassword() };
    expect((await runTemplate('mysql.change-password', changed)).failure).toBeNull();
    expect(await loginOutcome(name, changed.NEW_PASSWORD)).toBe('ok');
    expect(await loginOutcome(name, tags.NEW_PASSWORD ?? '')).toBe(1045);

    const log = (await loggedStatements(name)).join('\n');
    // Logging was on for the plugin's session: both statements are there, without the passwords.
    expect(log).toContain(`CREATE USER '${name}'@'%' IDENTIFIED`);
    expect(log).toContain(`ALTER USER '${name}'@'%' IDENTIFIED`);
    // includes(), not toContain(): a failure must not print the log, nor the password.
    expect(log.includes(tags.NEW_PASSWORD ?? ''), 'the log holds the first password').toBe(false);
    expect(log.includes(changed.NEW_PASSWORD), 'the log holds the changed password').toBe(false);
    // What they hold instead: the hash.
    expect(log).toContain(`AS '${mysqlNativePasswordHash(changed.NEW_PASSWORD)}'`);
  });

  it("computes the hash the server's PASSWORD() computes", async () => {
    const password = randomPassword();
    const computed = await withAdmin(async (connection) => {
      const [rows] = await connection.query<RowDataPacket[]>('SELECT PASSWORD(?) AS hash', [password]);
      return String(rows[0]?.hash);
    });
    expect(mysqlNativePasswordHash(password)).toBe(computed);
  });
});
