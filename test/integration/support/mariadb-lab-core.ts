/**
 * The real core against the lab's MariaDB: the device `mariadb-lab`, its administrator credential,
 * the lab's own admin connection for set-up and checks, and logins as the session's account with
 * MariaDB's own `mariadb` client (the password in MYSQL_PWD, never on its command line).
 */
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import type { Core } from '../../../electron/core/compose';
import { labDetails } from '../../lab/inject';
import { callCore } from './postgres-lab-core';
import { builtInTemplateId, runClient, type LoginOutcome } from './session-core';

export interface MariadbLabCore {
  readonly deviceId: number;
  readonly adminId: number;
  templateId(name: string): number;
}

/** The device `mariadb-lab` and the lab's administrator as its credential, saved in `core`. */
export async function seedMariadbLab(core: Core): Promise<MariadbLabCore> {
  const { mariadb } = labDetails();
  const device = (await callCore(core, 'devices.save', {
    device: {
      name: 'mariadb-lab',
      address: mariadb.host,
      type: 'Database',
      connectivity: [{ protocol: 'MySQL', port: mariadb.port }],
    },
  })) as { id: number };
  const admin = (await callCore(core, 'credentials.save', {
    credential: {
      username: mariadb.adminUser,
      type: 'Local administrator',
      deviceId: device.id,
      additionalInfo: mariadb.database,
    },
    password: { action: 'set', value: mariadb.adminPassword },
  })) as { id: number };
  return { deviceId: device.id, adminId: admin.id, templateId: (name) => builtInTemplateId(core, name) };
}

/** Runs `run` on a connection as the lab's administrator (set-up and checks, never the plugin). */
export async function asMariadbAdmin<T>(run: (c: Connection) => Promise<T>): Promise<T> {
  const { mariadb } = labDetails();
  const connection = await createConnection({
    host: mariadb.host,
    port: mariadb.port,
    user: mariadb.adminUser,
    password: mariadb.adminPassword,
    database: mariadb.database,
  });
  try {
    return await run(connection);
  } finally {
    await connection.end();
  }
}

/** Whether any account (any host) has that user name. */
export const mariadbAccountExists = (username: string): Promise<boolean> =>
  asMariadbAdmin(async (c) => {
    const [rows] = await c.query<RowDataPacket[]>('SELECT 1 FROM mysql.user WHERE User = ?', [username]);
    return rows.length > 0;
  });

/** Drops every account with these user names, whatever their host. */
export const dropMariadbAccounts = (usernames: Iterable<string>): Promise<void> =>
  asMariadbAdmin(async (c) => {
    for (const name of usernames) {
      const [rows] = await c.query<RowDataPacket[]>('SELECT Host FROM mysql.user WHERE User = ?', [name]);
      for (const row of rows) await c.query('DROP USER IF EXISTS ?@?', [name, row.Host as string]);
    }
  });

/**
 * "Access denied" (1045; 1698 for some names, see the lab README) and "account is locked" (4151):
 * the server's refusals of a login.
 */
const refusal = /^ERROR (1045|1698|4151) /m;

/** Logs in as `username` with the `mariadb` client over TCP and asks who it is. */
export async function mariadbClientLogin(username: string, password: string): Promise<LoginOutcome> {
  const { mariadb } = labDetails();
  const run = await runClient(
    'mariadb',
    [
      '--no-defaults',
      '--protocol=TCP',
      `--host=${mariadb.host}`,
      `--port=${mariadb.port}`,
      `--user=${username}`,
      '--batch',
      '--skip-column-names',
      '--execute=SELECT CURRENT_USER()',
    ],
    { MYSQL_PWD: password },
  );
  if (run.code === 0 && run.stdout.trim() === `${username}@%`) return 'ok';
  if (run.code !== 0 && refusal.test(run.stderr)) return 'refused';
  throw new Error(`mariadb as ${username} exited ${run.code ?? 'by a signal'}: ${run.stderr.trim()}`);
}
