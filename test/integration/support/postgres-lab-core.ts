/**
 * The real core against the lab's PostgreSQL, as the operations and lifecycle integration tests
 * set it up: a call through the dispatcher, the lab's device and its administrator credential,
 * the built-in templates by name, and the lab's own superuser connection for checks.
 */
import pg from 'pg';
import type { MethodName } from '../../../shared/contract';
import type { Core } from '../../../electron/core/compose';
import { labDetails } from '../../lab/inject';
import type { SqlDetails } from '../../lab/types';

/** A contract method through the dispatcher, as the renderer calls it; a failure throws. */
export async function callCore(core: Core, method: MethodName, input: unknown): Promise<unknown> {
  const result = await core.dispatcher.dispatch(method, input, core.context('internal'));
  if (!result.ok) throw new Error(`${method}: ${result.message}`);
  return result.value;
}

/**
 * Runs `run` on a connection as the lab's superuser (for what the test checks on the server), or
 * as that of `postgres`, a server the test started itself.
 */
export async function asPostgresAdmin<T>(
  run: (client: pg.Client) => Promise<T>,
  postgres: SqlDetails = labDetails().postgres,
): Promise<T> {
  const client = new pg.Client({
    host: postgres.host,
    port: postgres.port,
    user: postgres.adminUser,
    password: postgres.adminPassword,
    database: postgres.database,
  });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export const postgresRoleExists = (name: string): Promise<boolean> =>
  asPostgresAdmin(
    async (c) => (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount === 1,
  );

export interface PostgresLab {
  readonly deviceId: number;
  /** The lab's superuser as an authentication credential (its password in the vault). */
  readonly adminId: number;
  /** A built-in template's id by name; throws for a name the library does not have. */
  templateId(name: string): number;
}

/**
 * The device `pg-lab` (the lab's PostgreSQL, or `postgres`, a server the test started itself) and
 * its administrator credential, saved in `core`.
 */
export async function seedPostgresLab(
  core: Core,
  postgres: SqlDetails = labDetails().postgres,
): Promise<PostgresLab> {
  const device = (await callCore(core, 'devices.save', {
    device: {
      name: 'pg-lab',
      address: postgres.host,
      type: 'Database',
      connectivity: [{ protocol: 'PostgreSQL', port: postgres.port }],
    },
  })) as { id: number };
  const admin = (await callCore(core, 'credentials.save', {
    credential: {
      username: postgres.adminUser,
      type: 'Local administrator',
      deviceId: device.id,
      additionalInfo: postgres.database,
    },
    password: { action: 'set', value: postgres.adminPassword },
  })) as { id: number };
  const templates = core.inventory.templates.list();
  return {
    deviceId: device.id,
    adminId: admin.id,
    templateId: (name) => {
      const found = templates.find((t) => t.name === name);
      if (!found) throw new Error(`no built-in template ${name}`);
      return found.id;
    },
  };
}
