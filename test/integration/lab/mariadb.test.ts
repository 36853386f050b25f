// Proves the lab's MariaDB enforces real logins: a user the admin creates can log in with its
// password, cannot once locked, and cannot once dropped.

import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { labDetails } from '../../lab/inject.js';
import { uniqueName } from '../../lab/names.js';
import { randomPassword } from '../../lab/secrets.js';

const ER_ACCESS_DENIED_ERROR = 1045;
// For a name with no account, MariaDB authenticates against an existing account picked from the
// name as a seed (so a client cannot tell which accounts exist); when that one uses unix_socket
// (the lab's root@localhost does), the refusal comes with this code instead of 1045.
const ER_ACCESS_DENIED_NO_PASSWORD_ERROR = 1698;
// "Access denied, this account is locked". mysql2 has no name of its own for this MariaDB code and
// reports it under a misleading MySQL one, so match the number.
const ER_ACCOUNT_HAS_BEEN_LOCKED = 4151;

function errnoOf(error: unknown): number | undefined {
  return error instanceof Error && 'errno' in error && typeof error.errno === 'number'
    ? error.errno
    : undefined;
}

function connect(user: string, password: string): Promise<Connection> {
  const { host, port } = labDetails().mariadb;
  return createConnection({ host, port, user, password, connectTimeout: 5_000 });
}

async function currentUser(user: string, password: string): Promise<string> {
  const connection = await connect(user, password);
  try {
    const [rows] = await connection.query<RowDataPacket[]>('SELECT CURRENT_USER() AS me');
    return String(rows[0]?.me);
  } finally {
    await connection.end();
  }
}

describe('lab MariaDB server', () => {
  const user = uniqueName();
  const password = randomPassword();
  let admin: Connection;

  beforeEach(async () => {
    const { adminUser, adminPassword, database } = labDetails().mariadb;
    admin = await connect(adminUser, adminPassword);
    await admin.changeUser({ database });
  });

  afterEach(async () => {
    await admin.query('DROP USER IF EXISTS ?@?', [user, '%']);
    await admin.end();
  });

  it('connects as the admin, who holds every privilege with grant option', async () => {
    const [rows] = await admin.query<RowDataPacket[]>('SHOW GRANTS');
    expect(rows.map((row) => String(Object.values(row)[0])).join('\n')).toMatch(
      /GRANT ALL PRIVILEGES ON \*\.\* .*WITH GRANT OPTION/,
    );
  });

  it('creates a user, connects as it, locks it, drops it', async () => {
    // query() (not execute()) quotes the values client-side, which CREATE USER needs.
    await admin.query('CREATE USER ?@? IDENTIFIED BY ?', [user, '%', password]);
    expect(await currentUser(user, password)).toBe(`${user}@%`);

    await expect(connect(user, `${password}x`)).rejects.toMatchObject({ errno: ER_ACCESS_DENIED_ERROR });

    await admin.query('ALTER USER ?@? ACCOUNT LOCK', [user, '%']);
    await expect(connect(user, password)).rejects.toMatchObject({ errno: ER_ACCOUNT_HAS_BEEN_LOCKED });

    await admin.query('DROP USER ?@?', [user, '%']);
    const [left] = await admin.query<RowDataPacket[]>('SELECT 1 FROM mysql.user WHERE User = ?', [user]);
    expect(left).toHaveLength(0);
    const refused = await connect(user, password).then(
      () => 'connected',
      (error: unknown) => errnoOf(error),
    );
    expect([ER_ACCESS_DENIED_ERROR, ER_ACCESS_DENIED_NO_PASSWORD_ERROR]).toContain(refused);
  });
});
