// A private MariaDB server, run as root (hence --user=root), with grant tables in force.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { LAB_HOST } from './net.js';
import { runCommand } from './run-command.js';
import { randomPassword } from './secrets.js';
import { DEFAULT_READY_TIMEOUT_MS, launch, startWithPortRetry } from './server.js';
import type { RunningServer, SqlDetails, StartOptions } from './types.js';

const ADMIN_USER = 'labadmin';
const DATABASE = 'mysql';

/**
 * Runs at every server start, before connections are accepted: the admin exists by the time the
 * readiness check first logs in. The password is alphanumeric (randomPassword), safe in a literal.
 */
function initSql(password: string): string {
  return ['%', 'localhost']
    .flatMap((host) => [
      `CREATE USER IF NOT EXISTS '${ADMIN_USER}'@'${host}' IDENTIFIED BY '${password}';`,
      `GRANT ALL PRIVILEGES ON *.* TO '${ADMIN_USER}'@'${host}' WITH GRANT OPTION;`,
    ])
    .join('\n');
}

export async function startMariaDb(options: StartOptions = {}): Promise<RunningServer<SqlDetails>> {
  return startWithPortRetry('mariadb', async ({ dir, port }) => {
    const dataDir = join(dir, 'data');
    const initFile = join(dir, 'init.sql');
    const password = randomPassword();
    // --no-defaults (always first) keeps /etc/mysql/*.cnf, which points at the system instance's
    // datadir and socket, out of it. The system's root@localhost keeps unix_socket auth: unused here.
    await runCommand(
      '/usr/bin/mariadb-install-db',
      [
        '--no-defaults',
        `--datadir=${dataDir}`,
        '--user=root',
        '--auth-root-authentication-method=socket',
        '--skip-test-db',
        '--skip-name-resolve',
      ],
      { cwd: dir },
    );
    await writeFile(initFile, initSql(password), { mode: 0o600 });

    const details: SqlDetails = {
      host: LAB_HOST,
      port,
      adminUser: ADMIN_USER,
      adminPassword: password,
      database: DATABASE,
    };
    return launch({
      name: 'mariadb',
      dir,
      spawn: {
        command: '/usr/sbin/mariadbd',
        args: [
          '--no-defaults',
          `--datadir=${dataDir}`,
          `--socket=${join(dir, 'mariadb.sock')}`,
          `--pid-file=${join(dir, 'mariadb.pid')}`,
          `--port=${port}`,
          `--bind-address=${LAB_HOST}`,
          '--user=root',
          `--init-file=${initFile}`,
          `--tmpdir=${dir}`,
          // Accounts are matched by IP: 127.0.0.1 connections hit '%' (no reverse DNS to wait on).
          '--skip-name-resolve',
          '--innodb-buffer-pool-size=32M',
        ],
        cwd: dir,
      },
      stopSignal: 'SIGTERM',
      readyTimeoutMs: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
      details,
      probe: async () => {
        const connection = await createConnection({
          host: LAB_HOST,
          port,
          user: ADMIN_USER,
          password,
          database: DATABASE,
          connectTimeout: 5_000,
        });
        try {
          await connection.query('SELECT 1');
        } finally {
          await connection.end().catch(() => undefined);
        }
      },
    });
  });
}
