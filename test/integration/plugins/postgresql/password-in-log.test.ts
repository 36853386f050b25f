// The built-in templates set passwords as a SCRAM-SHA-256 verifier the core computes: with every
// statement logged (log_statement = 'all'), the server's log holds the creation and the password
// change, and never the password; the role logs in with the password all the same.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scramSha256Verifier } from '../../../../electron/plugins/tag-engine/password-hashes';
import { labDetails } from '../../../lab/inject';
import { randomPassword } from '../../../lab/secrets';
import {
  closeAdmin,
  connectAs,
  dropRole,
  loginOutcome,
  roundTripName,
  runTemplate,
  tagsFor,
  withAdmin,
} from './support';

/** The server's log file, read as the superuser (the lab runs the logging collector). */
const serverLog = (): Promise<string> =>
  withAdmin(async (client) => {
    const result = await client.query<{ log: string }>(
      'SELECT pg_catalog.pg_read_file(pg_catalog.pg_current_logfile()) AS log',
    );
    return result.rows[0]?.log ?? '';
  });

/** Sets log_statement for the whole server, and waits until a new session sees it (reload is asynchronous). */
async function setLogStatement(value: 'all' | null): Promise<void> {
  await withAdmin(async (client) => {
    await client.query(
      value === null ? 'ALTER SYSTEM RESET log_statement' : `ALTER SYSTEM SET log_statement = '${value}'`,
    );
    await client.query('SELECT pg_catalog.pg_reload_conf()');
  });
  const expected = value ?? 'none';
  const { adminUser, adminPassword } = labDetails().postgres;
  for (;;) {
    const fresh = await connectAs(adminUser, adminPassword);
    const shown = await fresh.query<{ log_statement: string }>('SHOW log_statement');
    await fresh.end();
    if (shown.rows[0]?.log_statement === expected) return;
  }
}

const made: string[] = [];

beforeAll(() => setLogStatement('all'));

afterAll(async () => {
  await setLogStatement(null);
  for (const name of made) await dropRole(name);
  await closeAdmin();
});

describe('PostgreSQL built-ins keep the password out of the server log', () => {
  it('New user and Password change: the statements are logged, the passwords are not', async () => {
    const name = roundTripName();
    made.push(name);
    const tags = tagsFor(name);
    const created = await runTemplate('postgresql.create-role', tags);
    expect(created.failure).toBeNull();
    expect(await loginOutcome(name, tags.NEW_PASSWORD ?? '')).toBe('ok');

    const changed = { ...tags, NEW_PASSWORD: randomPassword() };
    const change = await runTemplate('postgresql.change-password', changed);
    expect(change.failure).toBeNull();
    expect(await loginOutcome(name, changed.NEW_PASSWORD)).toBe('ok');
    expect(await loginOutcome(name, tags.NEW_PASSWORD ?? '')).toBe('28P01');

    // The verifier is a secret tag: the run's steps show it masked, never as it is.
    const stored = await withAdmin(async (client) => {
      const result = await client.query<{ rolpassword: string }>(
        'SELECT rolpassword FROM pg_catalog.pg_authid WHERE rolname = $1',
        [name],
      );
      return result.rows[0]?.rolpassword ?? '';
    });
    expect(stored).toMatch(/^SCRAM-SHA-256\$4096:/);
    const steps = JSON.stringify(change.steps);
    expect(steps).toContain("PASSWORD '******'");
    expect(steps.includes(stored), 'the steps hold the verifier').toBe(false);

    const log = await serverLog();
    // Logging was on for the plugin's sessions: both statements are there, without the passwords.
    expect(log).toContain(`CREATE ROLE "${name}" LOGIN PASSWORD '`);
    expect(log).toContain(`ALTER ROLE "${name}" PASSWORD '`);
    // includes(), not toContain(): a failure must not print the log, nor the password.
    expect(log.includes(tags.NEW_PASSWORD ?? ''), 'the log holds the first password').toBe(false);
    expect(log.includes(changed.NEW_PASSWORD), 'the log holds the changed password').toBe(false);
    // What they hold instead: a verifier.
    expect(log).toMatch(new RegExp(`CREATE ROLE "${name}" LOGIN PASSWORD 'SCRAM-SHA-256\\$4096:`));
  });

  it('computes the verifier PostgreSQL itself computes for the password, given its salt', async () => {
    const name = roundTripName();
    made.push(name);
    const password = randomPassword();
    const stored = await withAdmin(async (client) => {
      // The server hashes this one itself (password_encryption is scram-sha-256 by default).
      await client.query(
        `CREATE ROLE ${client.escapeIdentifier(name)} PASSWORD ${client.escapeLiteral(password)}`,
      );
      const result = await client.query<{ rolpassword: string }>(
        'SELECT rolpassword FROM pg_catalog.pg_authid WHERE rolname = $1',
        [name],
      );
      return result.rows[0]?.rolpassword ?? '';
    });
    const salt = /^SCRAM-SHA-256\$4096:([^$]+)\$/.exec(stored)?.[1] ?? '';
    expect(stored).toBe(await scramSha256Verifier(password, Buffer.from(salt, 'base64')));
  });
});
