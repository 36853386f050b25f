/**
 * The SQL console of PostgreSQL sessions through the real core (dispatcher, vault, lifecycle,
 * built-in JIT templates) against the lab's real PostgreSQL: it runs as the session's account,
 * reports the server's own errors and stays usable, cancels a running statement, refuses a second
 * one meanwhile, closes with the session, and a connection the server closes ends the session.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlErrorResult, SqlRowsResult, SqlRunResult } from '../../../shared/contract/sql-console';
import type { AuditEntry } from '../../../shared/domain/audit';
import type { Session } from '../../../shared/domain/session';
import { labDetails } from '../../lab/inject';
import { uniqueName } from '../../lab/names';
import { randomPassword } from '../../lab/secrets';
import {
  asPostgresAdmin,
  callCore,
  postgresRoleExists,
  seedPostgresLab,
  type PostgresLab,
} from '../support/postgres-lab-core';
import { openSessionCore, untilState, type SessionCore } from '../support/session-core';

let sc: SessionCore;
let lab: PostgresLab;
/** Roles a test made or may have left: dropped at the end whatever happened. */
const roles = new Set<string>();
const call = (method: Parameters<typeof callCore>[1], input: unknown) => callCore(sc.core, method, input);

beforeAll(async () => {
  sc = await openSessionCore('sql-console-pg-');
  lab = await seedPostgresLab(sc.core);
});

afterAll(async () => {
  try {
    await sc.close();
  } finally {
    await asPostgresAdmin(async (c) => {
      for (const role of roles) await c.query(`DROP ROLE IF EXISTS "${role}"`);
    });
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

/** An Active Enable/Disable session on a NOLOGIN role made for the test. */
async function enableDisableSession(): Promise<{ session: Session; role: string; password: string }> {
  const role = uniqueName('sqlcon');
  const password = randomPassword();
  roles.add(role);
  await asPostgresAdmin((c) => c.query(`CREATE ROLE "${role}" NOLOGIN PASSWORD '${password}'`));
  const credential = (await call('credentials.save', {
    credential: {
      username: role,
      type: 'Local user',
      deviceId: lab.deviceId,
      additionalInfo: labDetails().postgres.database,
      jit: {
        enabled: true,
        type: 'enable_disable',
        authCredentialId: lab.adminId,
        enablePluginId: 'postgresql',
        enableTemplateId: lab.templateId('PostgreSQL: JIT enable role'),
        disablePluginId: 'postgresql',
        disableTemplateId: lab.templateId('PostgreSQL: JIT disable role'),
      },
    },
    password: { action: 'set', value: password },
  })) as { id: number };
  const started = (await call('sessions.start', { credentialId: credential.id })) as Session;
  return { session: await untilState(sc.core, started.id, 'active'), role, password };
}

/** The backends the role has on the server (the console's connection among them). */
const backendsOf = (role: string): Promise<number[]> =>
  asPostgresAdmin(async (c) =>
    (await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE usename = $1', [role])).rows.map(
      (r) => r.pid,
    ),
  );

/** What the cleanup's pg_terminate_backend step reported (the sessions it found to end). */
async function terminatedByCleanup(sessionId: string): Promise<string> {
  const { operationIds } = (await call('sessions.get', { id: sessionId })) as Session;
  const cleanup = (await call('operations.get', { id: operationIds.at(-1) })) as {
    attempts: { steps: { command: string; output: string }[] }[];
  };
  const step = cleanup.attempts.at(-1)?.steps.find((s) => s.command.includes('pg_terminate_backend'));
  return step?.output ?? 'no such step';
}

/** Polls until `check` holds (a server-side state the test waits for, never a fixed sleep). */
async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('SQL console of PostgreSQL sessions', () => {
  it("Enable/Disable: runs as the credential's role; errors keep the console usable; the end closes it", async () => {
    const { session, role, password } = await enableDisableSession();

    const who = rowsOf(await run(session.id, 'select current_user'));
    expect(who.columns.map((c) => c.name)).toEqual(['current_user']);
    expect(who.rows).toEqual([[role]]);
    expect(who.command).toBe('SELECT 1');
    expect(who.truncated).toBe(false);

    const bad = errorOf(await run(session.id, 'select 1;\nselec current_user'));
    expect(bad.message).toContain('syntax error at or near "selec"');
    expect(bad.code).toBe('42601');
    expect(bad.position).toBe(11);
    expect(rowsOf(await run(session.id, 'select 2 as two')).rows).toEqual([['2']]);

    // NULL stays distinct from text, binary is hex, and a big result is bounded.
    const values = rowsOf(await run(session.id, "select null as n, 'NULL' as t, '\\x00ff'::bytea as b"));
    expect(values.rows).toEqual([[null, 'NULL', '\\x00ff']]);
    const many = rowsOf(await run(session.id, 'select g from generate_series(1, 5000) g'));
    expect(many.rows).toHaveLength(1000);
    expect(many.rowCount).toBe(5000);
    expect(many.truncated).toBe(true);

    // The credential's password never comes back, even when a statement names it.
    expect(rowsOf(await run(session.id, `select '${password}' as p`)).rows).toEqual([['******']]);

    expect(await backendsOf(role)).toHaveLength(1);
    await call('sessions.end', { id: session.id });
    await untilState(sc.core, session.id, 'ended');
    expect(await backendsOf(role)).toEqual([]);
    // The console let go of its connection itself: the disable template found no session to end.
    expect(await terminatedByCleanup(session.id)).toBe('SELECT 0');
    await expect(run(session.id, 'select 1')).rejects.toThrow(/only an Active session's console/);

    // The transcript kept every statement and its outcome, in order, masked.
    const { entries } = (await call('sqlConsole.transcript', { sessionId: session.id })) as {
      entries: { kind: string; text: string }[];
    };
    expect(entries.slice(0, 4).map((e) => [e.kind, e.text])).toEqual([
      ['statement', 'select current_user'],
      ['rows', 'SELECT 1, 1 row(s)'],
      ['statement', 'select 1;\nselec current_user'],
      ['error', 'syntax error at or near "selec"'],
    ]);
    expect(entries).toContainEqual(
      expect.objectContaining({ kind: 'statement', text: "select '******' as p" }),
    );
    expect(JSON.stringify(entries)).not.toContain(password);
    expect(readFileSync(join(sc.dataDir, 'transcripts', `${session.id}.sql.jsonl`), 'utf8')).not.toContain(
      password,
    );
  });

  it("shows the server's notices beside the result (and the error), each run's own, masked", async () => {
    const { session, role, password } = await enableDisableSession();

    const said = rowsOf(
      await run(
        session.id,
        "DO $$ BEGIN RAISE NOTICE 'hello %', current_user; RAISE WARNING 'careful'; END $$;\nselect 1 as one",
      ),
    );
    expect(said.notices).toEqual([`hello ${role}`, 'careful']);
    expect(said.rows).toEqual([['1']]);
    // The next run's are its own: none here.
    expect(rowsOf(await run(session.id, 'select 2')).notices).toBeUndefined();
    // A failing run keeps what the server said before it failed.
    const failed = errorOf(
      await run(session.id, "DO $$ BEGIN RAISE NOTICE 'before'; END $$;\nselect * from no_such_table"),
    );
    expect(failed.notices).toEqual(['before']);
    // The password in a notice is masked, as everywhere in the console.
    const masked = rowsOf(await run(session.id, `DO $$ BEGIN RAISE NOTICE 'pw %', '${password}'; END $$`));
    expect(masked.notices).toEqual(['pw ******']);

    await call('sessions.end', { id: session.id });
  });

  it('audits the console login (before it connects) and its close, with the caller and the session', async () => {
    const { session, role } = await enableDisableSession();
    rowsOf(await run(session.id, 'select 1'));
    await call('sessions.end', { id: session.id });
    await untilState(sc.core, session.id, 'ended');
    const { entries } = (await call('audit.list', { filter: { text: session.id }, limit: 1000 })) as {
      entries: AuditEntry[];
    };
    const consoleEntries = entries
      .filter((e) => e.action.startsWith('session_console_'))
      .sort((a, b) => a.seq - b.seq);
    expect(consoleEntries.map((e) => [e.action, e.actor])).toEqual([
      ['session_console_open', expect.not.stringMatching(/^system/) as unknown],
      ['session_console_close', 'system'],
    ]);
    // The transcript says who ran each statement, and through which transport.
    const { entries: lines } = (await call('sqlConsole.transcript', { sessionId: session.id })) as {
      entries: { kind: string; actor?: string; transport?: string }[];
    };
    expect(lines[0]).toMatchObject({
      kind: 'statement',
      actor: consoleEntries[0]?.actor,
      transport: 'internal',
    });
    const open = consoleEntries[0];
    expect(open?.detail).toContain(`Session ${session.id} (${role}, internal)`);
    expect(open?.detail).toContain(`Console login to ${labDetails().postgres.host}`);
    // Audited before the login: its entry precedes the session's cleanup (which ended the backend).
    const cleanup = entries.find((e) => e.action === 'session_cleanup');
    expect(open && cleanup && open.seq < cleanup.seq).toBe(true);
  });

  it('Creation and deletion: runs as the generated role, which the end drops', async () => {
    const credential = (await call('credentials.save', {
      credential: {
        username: 'sqlconsole',
        type: 'Local user',
        deviceId: lab.deviceId,
        additionalInfo: labDetails().postgres.database,
        jit: {
          enabled: true,
          type: 'create_delete',
          authCredentialId: lab.adminId,
          createPluginId: 'postgresql',
          createTemplateId: lab.templateId('PostgreSQL: JIT create role'),
          deletePluginId: 'postgresql',
          deleteTemplateId: lab.templateId('PostgreSQL: JIT drop role'),
        },
      },
      password: { action: 'keep' },
    })) as { id: number };
    const started = (await call('sessions.start', { credentialId: credential.id })) as Session;
    roles.add(started.account);
    const session = await untilState(sc.core, started.id, 'active');

    expect(rowsOf(await run(session.id, 'select current_user')).rows).toEqual([[session.account]]);

    await call('sessions.end', { id: session.id });
    await untilState(sc.core, session.id, 'ended');
    expect(await postgresRoleExists(session.account)).toBe(false);
  });

  it('cancels a running statement well before it ends, and refuses a second one meanwhile', async () => {
    const { session } = await enableDisableSession();
    const started = Date.now();
    const sleeping = call('sqlConsole.run', {
      sessionId: session.id,
      sql: 'select pg_sleep(30)',
      runId: 'the-sleep',
    }) as Promise<SqlRunResult>;
    await until('pg_sleep to run', async () =>
      asPostgresAdmin(
        async (c) =>
          (
            await c.query(
              "SELECT 1 FROM pg_stat_activity WHERE query = 'select pg_sleep(30)' AND state = 'active'",
            )
          ).rowCount === 1,
      ),
    );
    await expect(run(session.id, 'select 1')).rejects.toThrow(/already running in this console/);

    // A cancel meant for another (an earlier) run stops nothing; the run's own id does.
    expect(await call('sqlConsole.cancel', { sessionId: session.id, runId: 'an-earlier-run' })).toEqual({
      canceled: false,
    });
    expect(await call('sqlConsole.cancel', { sessionId: session.id, runId: 'the-sleep' })).toEqual({
      canceled: true,
    });
    const canceled = errorOf(await sleeping);
    expect(canceled.code).toBe('57014');
    expect(canceled.message).toContain('canceling statement due to user request');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(rowsOf(await run(session.id, 'select 3')).rows).toEqual([['3']]);

    await call('sessions.end', { id: session.id });
    await untilState(sc.core, session.id, 'ended');
  });

  it('ends the session when the server closes the console connection', async () => {
    const { session, role } = await enableDisableSession();
    rowsOf(await run(session.id, 'select 1'));
    await asPostgresAdmin((c) =>
      c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [role]),
    );
    const ended = await untilState(sc.core, session.id, 'ended');
    expect(ended.state).toBe('ended');
  });
});
