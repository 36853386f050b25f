/**
 * The SQL console of MySQL/MariaDB sessions through the real core against the lab's real MariaDB:
 * it runs as the session's account, reports the server's own errors and stays usable, cancels a
 * running statement (KILL QUERY), refuses a second one meanwhile, and closes with the session.
 */
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlErrorResult, SqlRowsResult, SqlRunResult } from '../../../shared/contract/sql-console';
import type { Session } from '../../../shared/domain/session';
import { uniqueName } from '../../lab/names';
import { randomPassword } from '../../lab/secrets';
import {
  asMariadbAdmin,
  dropMariadbAccounts,
  mariadbAccountExists,
  seedMariadbLab,
  type MariadbLabCore,
} from '../support/mariadb-lab-core';
import { callCore } from '../support/postgres-lab-core';
import { openSessionCore, untilState, type SessionCore } from '../support/session-core';

let sc: SessionCore;
let lab: MariadbLabCore;
/** Accounts a test made or may have left: dropped at the end whatever happened. */
const accounts = new Set<string>();
const call = (method: Parameters<typeof callCore>[1], input: unknown) => callCore(sc.core, method, input);

beforeAll(async () => {
  sc = await openSessionCore('sql-console-mariadb-');
  lab = await seedMariadbLab(sc.core);
});

afterAll(async () => {
  try {
    await sc.close();
  } finally {
    await dropMariadbAccounts(accounts);
  }
});

const run = (sessionId: string, sql: string) =>
  call('sqlConsole.run', { sessionId, sql }) as Promise<SqlRunResult>;

function rowsOf(result: SqlRunResult): SqlRowsResult {
  if (result.kind !== 'rows') throw new Error(`the statement failed: ${result.message}`);
  return result;
}
function errorOf(result: SqlRunResult): SqlErrorResult {
  if (result.kind !== 'error') throw new Error(`the statement succeeded: ${result.command}`);
  return result;
}

/** The connections the account has on the server (the console's among them). */
const threadsOf = (account: string): Promise<number[]> =>
  asMariadbAdmin(async (c) => {
    const [rows] = await c.query<RowDataPacket[]>(
      'SELECT ID AS id FROM information_schema.PROCESSLIST WHERE USER = ?',
      [account],
    );
    return rows.map((r) => Number(r.id));
  });

/** Polls until `check` holds (a server-side state the test waits for, never a fixed sleep). */
async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** An Active Enable/Disable session on a locked account made for the test. */
async function enableDisableSession(): Promise<{ session: Session; account: string }> {
  const account = uniqueName('sqlcon');
  const password = randomPassword();
  accounts.add(account);
  await asMariadbAdmin((c) => c.query("CREATE USER ?@'%' IDENTIFIED BY ? ACCOUNT LOCK", [account, password]));
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
  return { session: await untilState(sc.core, started.id, 'active'), account };
}

describe('SQL console of MariaDB sessions', () => {
  it("Enable/Disable: runs as the credential's account; errors keep the console usable; the end closes it", async () => {
    const { session, account } = await enableDisableSession();

    const who = rowsOf(await run(session.id, 'select current_user()'));
    expect(who.rows).toEqual([[`${account}@%`]]);
    expect(who.columns.map((c) => c.name)).toEqual(['current_user()']);

    // The account reads its own mysql_native_password hash: masked, as the password (review 37).
    const own = JSON.stringify(rowsOf(await run(session.id, 'show create user current_user')).rows);
    const lower = JSON.stringify(rowsOf(await run(session.id, 'show grants')).rows).toLowerCase();
    expect(own).toContain('******');
    expect(`${own} ${lower}`).not.toMatch(/\*[0-9a-f]{40}/i);

    const bad = errorOf(await run(session.id, 'selec 1'));
    expect(bad.message).toContain('You have an error in your SQL syntax');
    expect(bad.code).toBe('1064');
    expect(rowsOf(await run(session.id, 'select 2 as two')).rows).toEqual([['2']]);
    expect(rowsOf(await run(session.id, 'select 2 as two')).notices).toBeUndefined();
    // A statement's warnings come with its result, as the mysql client prints them after it.
    const warned = rowsOf(await run(session.id, "set @x = cast('12abc' as signed)"));
    expect(warned.notices).toEqual([
      expect.stringMatching(/^Warning 1292: Truncated incorrect INTEGER value/),
    ]);
    expect(rowsOf(await run(session.id, 'show warnings')).rows).toHaveLength(1);

    // NULL stays distinct from text, binary is hex, and a big result is bounded.
    const values = rowsOf(await run(session.id, "select null as n, 'NULL' as t, x'00ff' as b"));
    expect(values.rows).toEqual([[null, 'NULL', '0x00FF']]);
    // One connection: a session variable set by one run holds for the next.
    expect(rowsOf(await run(session.id, 'set max_recursive_iterations = 10000')).command).toBe(
      'OK, 0 rows affected',
    );
    const many = rowsOf(
      await run(
        session.id,
        'with recursive s(n) as (select 1 union all select n + 1 from s where n < 5000) select n from s',
      ),
    );
    expect(many.rows).toHaveLength(1000);
    expect(many.rowCount).toBe(5000);
    expect(many.truncated).toBe(true);

    expect(await threadsOf(account)).toHaveLength(1);
    await call('sessions.end', { id: session.id });
    await untilState(sc.core, session.id, 'ended');
    expect(await threadsOf(account)).toEqual([]);
    await expect(run(session.id, 'select 1')).rejects.toThrow(/only an Active session's console/);
  });

  it('Creation and deletion: runs as the generated account, which the end drops', async () => {
    const credential = (await call('credentials.save', {
      credential: {
        username: 'sqlconsole',
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
    const session = await untilState(sc.core, started.id, 'active');

    expect(rowsOf(await run(session.id, 'select current_user()')).rows).toEqual([[`${session.account}@%`]]);

    await call('sessions.end', { id: session.id });
    await untilState(sc.core, session.id, 'ended');
    expect(await mariadbAccountExists(session.account)).toBe(false);
  });

  it('cancels a running statement well before it ends, and refuses a second one meanwhile', async () => {
    const { session, account } = await enableDisableSession();
    const started = Date.now();
    const sleeping = run(session.id, 'select sleep(30)');
    await until('sleep to run', () =>
      asMariadbAdmin(async (c) => {
        const [rows] = await c.query<RowDataPacket[]>(
          "SELECT 1 FROM information_schema.PROCESSLIST WHERE USER = ? AND INFO = 'select sleep(30)'",
          [account],
        );
        return rows.length === 1;
      }),
    );
    await expect(run(session.id, 'select 1')).rejects.toThrow(/already running in this console/);

    expect(await call('sqlConsole.cancel', { sessionId: session.id })).toEqual({ canceled: true });
    // MariaDB answers a killed SLEEP() with its result 1 (interrupted), or error 1317.
    const canceled = await sleeping;
    if (canceled.kind === 'rows') expect(canceled.rows).toEqual([['1']]);
    else expect(canceled.code).toBe('1317');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(rowsOf(await run(session.id, 'select 3')).rows).toEqual([['3']]);

    await call('sessions.end', { id: session.id });
    await untilState(sc.core, session.id, 'ended');
  });

  it('ends the session when the server closes the console connection', async () => {
    const { session, account } = await enableDisableSession();
    rowsOf(await run(session.id, 'select 1'));
    const [thread] = await threadsOf(account);
    await asMariadbAdmin((c) => c.query('KILL CONNECTION ?', [thread]));
    await untilState(sc.core, session.id, 'ended');
  });
});
