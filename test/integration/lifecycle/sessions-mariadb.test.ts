/**
 * JIT sessions through the real core against the lab's real MariaDB, with the built-in
 * MySQL/MariaDB templates: the account logs in with the `mariadb` client while the session is
 * Active, and is refused after the end (dropped for Creation and deletion, locked for
 * Enable/Disable).
 */
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionSecretRef } from '../../../electron/lifecycle/session-lifecycle';
import type { Session } from '../../../shared/domain/session';
import { labDetails } from '../../lab/inject';
import { uniqueName } from '../../lab/names';
import { randomPassword } from '../../lab/secrets';
import {
  asMariadbAdmin,
  dropMariadbAccounts,
  mariadbAccountExists,
  mariadbClientLogin,
  seedMariadbLab,
  type MariadbLabCore,
} from '../support/mariadb-lab-core';
import { callCore } from '../support/postgres-lab-core';
import { ChosenNames, openSessionCore, untilState, type SessionCore } from '../support/session-core';

let sc: SessionCore;
let lab: MariadbLabCore;
/** Accounts a test made or may have left: dropped at the end whatever happened. */
const accounts = new Set<string>();
/** Connections a test opened as a session's account: closed at the end. */
const connections: Connection[] = [];
const call = (method: Parameters<typeof callCore>[1], input: unknown) => callCore(sc.core, method, input);

const names = new ChosenNames();

beforeAll(async () => {
  sc = await openSessionCore('jit-sessions-mariadb-', { randomInt: names.randomInt });
  lab = await seedMariadbLab(sc.core);
});

/** A connection of the account, kept open across the end (what KILL USER must end). */
async function liveConnection(user: string, password: string): Promise<Connection> {
  const { host, port } = labDetails().mariadb;
  const connection = await createConnection({ host, port, user, password });
  // A killed connection reports its end as an error event: expected here.
  connection.on('error', () => undefined);
  connections.push(connection);
  return connection;
}

afterAll(async () => {
  for (const c of connections) c.destroy();
  try {
    await sc.close();
  } finally {
    await dropMariadbAccounts(accounts);
  }
});

describe('JIT sessions against the real MariaDB', () => {
  it('Creation and deletion: the account logs in with mariadb while Active; the end drops it', async () => {
    const credential = (await call('credentials.save', {
      credential: {
        username: 'reporting',
        type: 'Local user',
        deviceId: lab.deviceId,
        jit: {
          enabled: true,
          type: 'create_delete',
          authCredentialId: lab.adminId,
          createPluginId: 'mysql',
          createTemplateId: lab.templateId('MySQL/MariaDB: JIT create user'),
          deletePluginId: 'mysql',
          deleteTemplateId: lab.templateId('MySQL/MariaDB: JIT drop user'),
        },
      },
      password: { action: 'keep' },
    })) as { id: number };

    const started = (await call('sessions.start', { credentialId: credential.id })) as Session;
    accounts.add(started.account);
    const active = await untilState(sc.core, started.id, 'active');
    expect(await mariadbAccountExists(active.account)).toBe(true);
    const password = sc.core.vault.get(sessionSecretRef(active.id));
    expect(await mariadbClientLogin(active.account, password)).toBe('ok');
    const live = await liveConnection(active.account, password);

    await call('sessions.end', { id: active.id });
    await untilState(sc.core, active.id, 'ended');
    await expect(live.query('SELECT 1')).rejects.toThrow();
    expect(await mariadbAccountExists(active.account)).toBe(false);
    expect(await mariadbClientLogin(active.account, password)).toBe('refused');
  });

  it('Enable/Disable: the account logs in with mariadb only while the session is Active', async () => {
    const account = uniqueName('jitmyen');
    const password = randomPassword();
    accounts.add(account);
    await asMariadbAdmin((c) =>
      c.query("CREATE USER ?@'%' IDENTIFIED BY ? ACCOUNT LOCK", [account, password]),
    );
    expect(await mariadbClientLogin(account, password)).toBe('refused');
    const credential = (await call('credentials.save', {
      credential: {
        username: account,
        type: 'Local user',
        deviceId: lab.deviceId,
        jit: {
          enabled: true,
          type: 'enable_disable',
          authCredentialId: lab.adminId,
          enablePluginId: 'mysql',
          enableTemplateId: lab.templateId('MySQL/MariaDB: JIT enable user'),
          disablePluginId: 'mysql',
          disableTemplateId: lab.templateId('MySQL/MariaDB: JIT disable user'),
        },
      },
      password: { action: 'set', value: password },
    })) as { id: number };

    const started = (await call('sessions.start', { credentialId: credential.id })) as Session;
    await untilState(sc.core, started.id, 'active');
    expect(await mariadbClientLogin(account, password)).toBe('ok');
    const live = await liveConnection(account, password);

    await call('sessions.end', { id: started.id });
    await untilState(sc.core, started.id, 'ended');
    // KILL USER ended the live connection too.
    await expect(live.query('SELECT 1')).rejects.toThrow();
    expect(await mariadbClientLogin(account, password)).toBe('refused');
    expect(await mariadbAccountExists(account)).toBe(true);
  });

  it('Creation and deletion refuses a generated name an unmanaged account has, and leaves it untouched', async () => {
    const existing = await names.choose(sc.core);
    const password = randomPassword();
    accounts.add(existing);
    await asMariadbAdmin((c) =>
      c.query("CREATE USER ?@'%' IDENTIFIED BY ? WITH MAX_USER_CONNECTIONS 3", [existing, password]),
    );
    // The account as the server keeps it: its password hash, limits, lock and expiry.
    const snapshot = () =>
      asMariadbAdmin(
        async (c) =>
          (
            await c.query<RowDataPacket[]>('SELECT Host, Priv FROM mysql.global_priv WHERE User = ?', [
              existing,
            ])
          )[0],
      );
    const before = await snapshot();
    expect(before).toHaveLength(1);
    const credential = (await call('credentials.save', {
      credential: {
        username: 'collide',
        type: 'Local user',
        deviceId: lab.deviceId,
        jit: {
          enabled: true,
          type: 'create_delete',
          authCredentialId: lab.adminId,
          createPluginId: 'mysql',
          createTemplateId: lab.templateId('MySQL/MariaDB: JIT create user'),
          deletePluginId: 'mysql',
          deleteTemplateId: lab.templateId('MySQL/MariaDB: JIT drop user'),
        },
      },
      password: { action: 'keep' },
    })) as { id: number };

    const started = (await call('sessions.start', { credentialId: credential.id })) as Session;
    expect(started.account).toBe(existing);
    const failed = await untilState(sc.core, started.id, 'failed');
    expect(failed.error).toMatch(/exists already .* left untouched/);
    await sc.core.sessions.idle();

    expect(await snapshot()).toEqual(before);
    expect(await mariadbClientLogin(existing, password)).toBe('ok');
  });
});
