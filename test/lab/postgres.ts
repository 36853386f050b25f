// A private PostgreSQL cluster. PostgreSQL refuses to run as root, so the cluster belongs to the
// `postgres` system user and the server runs as that user.

import { access, chown, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { LAB_HOST } from './net.js';
import { runCommand } from './run-command.js';
import { randomPassword } from './secrets.js';
import { DEFAULT_READY_TIMEOUT_MS, launch, startWithPortRetry } from './server.js';
import { lookupSystemUser } from './system-user.js';
import type { RunningServer, SqlDetails, StartOptions } from './types.js';

const ADMIN_USER = 'labadmin';
const DATABASE = 'postgres';

/** Debian installs each major version side by side: take LAB_PG_BINDIR, else the newest one. */
async function postgresBinDir(): Promise<string> {
  const fromEnv = process.env.LAB_PG_BINDIR;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = (await readdir(root).catch(() => []))
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(root, version, 'bin');
    try {
      await access(join(bin, 'postgres'));
      return bin;
    } catch {
      // Only the client package of that version: try the next.
    }
  }
  throw new Error(`no PostgreSQL server under ${root}: run .ci/install-lab-packages.sh`);
}

export async function startPostgres(options: StartOptions = {}): Promise<RunningServer<SqlDetails>> {
  const [bin, owner] = await Promise.all([postgresBinDir(), lookupSystemUser('postgres')]);
  const asOwner = { uid: owner.uid, gid: owner.gid, env: { ...process.env, HOME: owner.home } };

  return startWithPortRetry('postgres', async ({ dir, port }) => {
    const dataDir = join(dir, 'data');
    const pwFile = join(dir, 'admin-password');
    const password = randomPassword();
    await chown(dir, owner.uid, owner.gid);
    await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
    await chown(pwFile, owner.uid, owner.gid);
    // --no-sync: a throwaway cluster needs no fsync; scram-sha-256 everywhere, so the admin (like
    // every account a test creates) logs in with a password, over TCP and the socket alike.
    await runCommand(
      join(bin, 'initdb'),
      [
        `--pgdata=${dataDir}`,
        `--username=${ADMIN_USER}`,
        `--pwfile=${pwFile}`,
        '--auth-local=scram-sha-256',
        '--auth-host=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C.UTF-8',
        '--no-sync',
      ],
      { ...asOwner, cwd: dir },
    );
    await rm(pwFile);

    const details: SqlDetails = {
      host: LAB_HOST,
      port,
      adminUser: ADMIN_USER,
      adminPassword: password,
      database: DATABASE,
    };
    return launch({
      name: 'postgres',
      dir,
      spawn: {
        command: join(bin, 'postgres'),
        // Every setting is also a --name=value option; nothing is read from a postgresql.conf edit.
        args: [
          `-D${dataDir}`,
          `--listen_addresses=${LAB_HOST}`,
          `--port=${port}`,
          `--unix_socket_directories=${dir}`,
          // The log goes to a file under the data directory (log/), which a superuser reads with
          // pg_read_file(pg_current_logfile()): tests that turn statement logging on check what a
          // server log would hold. Errors before the collector starts (a port in use) still reach
          // stderr, which the lab reads for its start-up diagnostics.
          '--logging_collector=on',
          // A throwaway cluster: losing it in a crash costs nothing, waiting for the disk costs time.
          '--fsync=off',
        ],
        cwd: dir,
        ...asOwner,
      },
      // SIGTERM would be a "smart" shutdown that waits for every client to leave; SIGINT is "fast".
      stopSignal: 'SIGINT',
      readyTimeoutMs: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
      details,
      probe: async () => {
        const client = new pg.Client({
          host: LAB_HOST,
          port,
          user: ADMIN_USER,
          password,
          database: DATABASE,
          connectionTimeoutMillis: 5_000,
        });
        // pg emits 'error' for a connection that breaks later; unhandled, it would crash the process.
        client.on('error', () => undefined);
        try {
          await client.connect();
          await client.query('SELECT 1');
        } finally {
          await client.end().catch(() => undefined);
        }
      },
    });
  });
}
