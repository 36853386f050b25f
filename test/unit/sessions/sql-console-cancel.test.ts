/**
 * A cancel is sent from a second login (MySQL's KILL QUERY) and takes time to arrive; if the
 * statement it was meant for ends meanwhile and the next one starts, the cancel would stop that
 * one. The console holds the next statement until the cancel is through. The connection is a
 * stand-in whose run and cancel the test ends by hand, so the order is the test's, not luck's.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/domain/session';
import type { DriverResult, ConsoleConnection } from '../../../electron/sessions/sql-console-driver';
import { SqlConsoleService, type SqlConsoleDeps } from '../../../electron/sessions/sql-console';
import { SqlTranscripts } from '../../../electron/sessions/sql-transcript';
import { makeTempDir } from '../../support/temp-dir';

/** A promise the test resolves. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const rows = (value: string): DriverResult => ({
  kind: 'rows',
  columns: [{ name: 'v', type: 'text' }],
  rows: [[value]],
  rowCount: 1,
  truncated: false,
  command: '1 row in set',
  affectedRows: null,
});

class HeldConnection implements ConsoleConnection {
  /** What reached the database, in order. */
  readonly log: string[] = [];
  readonly runs: { sql: string; end: (result: DriverResult) => void }[] = [];
  readonly cancels: (() => void)[] = [];
  run(sql: string): Promise<DriverResult> {
    this.log.push(`run ${sql}`);
    const { promise, resolve } = deferred<DriverResult>();
    this.runs.push({ sql, end: resolve });
    return promise;
  }
  cancel(): Promise<void> {
    this.log.push('cancel sent');
    const { promise, resolve } = deferred<undefined>();
    this.cancels.push(() => {
      this.log.push('cancel arrived');
      resolve(undefined);
    });
    return promise;
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
  onLost(): void {
    // This connection is never lost: the test ends each run itself.
  }
}

const session = {
  id: 's-1',
  kind: 'plain',
  credentialId: 1,
  credentialLabel: 'app @ db-01',
  deviceId: 1,
  pluginId: 'mysql',
  account: 'app',
  state: 'active',
  target: null,
} as unknown as Session;

let dir: ReturnType<typeof makeTempDir>;
let connection: HeldConnection;
let deps: SqlConsoleDeps;
let consoles: SqlConsoleService;
const caller = { actor: 'admin', transport: 'internal' };

beforeEach(() => {
  dir = makeTempDir('jit-sql-cancel-');
  connection = new HeldConnection();
  // Only what a plain MySQL session's console reads: its device's port and its stored login.
  deps = {
    lifecycle: { get: () => session, end: () => Promise.resolve(session) },
    audit: { record: () => Promise.resolve() },
    events: { subscribe: () => () => undefined },
    transcripts: new SqlTranscripts(dir.path),
    inventory: {
      devices: {
        get: () => ({
          name: 'db-01',
          address: '127.0.0.1',
          connectivity: [{ protocol: 'MySQL', port: 3306 }],
        }),
      },
      logins: { loginFor: () => ({ login: { username: 'app', password: 'pw-not-shown' } }) },
    },
    openers: { mysql: () => Promise.resolve(connection) },
  } as unknown as SqlConsoleDeps;
  consoles = new SqlConsoleService(deps);
});

afterEach(() => dir.remove());

/** Waits until the stand-in has seen `count` statements (the service's own steps are async). */
async function untilRuns(count: number): Promise<void> {
  while (connection.runs.length < count) await new Promise((resolve) => setImmediate(resolve));
}

describe('SQL console cancel', () => {
  it('holds the next statement until a cancel in flight has arrived', async () => {
    const first = consoles.run(session.id, 'select sleep(1)', caller);
    await untilRuns(1);
    const cancel = consoles.cancel(session.id, caller);
    while (connection.cancels.length === 0) await new Promise((resolve) => setImmediate(resolve));
    // The statement ends by itself before the cancel arrives, and the user runs the next one.
    connection.runs[0]?.end(rows('0'));
    await expect(first).resolves.toMatchObject({ kind: 'rows' });
    const second = consoles.run(session.id, 'select 42', caller);
    // Its transcript line is written, then it waits: wait for that line, not for time.
    for (;;) {
      const { entries } = await consoles.transcript(session.id);
      if (entries.some((e) => e.text === 'select 42')) break;
    }
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(connection.log).toEqual(['run select sleep(1)', 'cancel sent']);
    connection.cancels[0]?.();
    await expect(cancel).resolves.toEqual({ canceled: true });
    await untilRuns(2);
    connection.runs[1]?.end(rows('42'));
    await expect(second).resolves.toMatchObject({ rows: [['42']] });
    expect(connection.log).toEqual(['run select sleep(1)', 'cancel sent', 'cancel arrived', 'run select 42']);
  });
});

describe('SQL console transcript full', () => {
  it('refuses the statement with the reason, before it logs in: nothing reaches the database or the audit', async () => {
    const logins: string[] = [];
    const audited: unknown[] = [];
    // No room past the 64 KiB kept for an outcome.
    const service = new SqlConsoleService({
      ...deps,
      audit: { record: (entry: unknown) => (audited.push(entry), Promise.resolve()) },
      openers: { mysql: () => (logins.push('login'), Promise.resolve(connection)) },
      transcripts: new SqlTranscripts(dir.path, { maxBytes: 64 * 1024 }),
    } as unknown as SqlConsoleDeps);
    await expect(service.run(session.id, 'select 1', caller)).rejects.toThrow(
      "This session's SQL transcript is full (64 KiB): the statement was not run. End the session and start a new one to go on.",
    );
    expect(logins).toEqual([]);
    expect(audited).toEqual([]);
    expect(connection.log).toEqual([]);
    expect((await service.transcript(session.id)).entries).toEqual([]);
  });
});

describe('SQL console error message', () => {
  it('sends the page 64,000 characters of a huge server message, masked before the cut', async () => {
    const run = consoles.run(session.id, 'do raise', caller);
    await untilRuns(1);
    const message = `${'x'.repeat(63_995)}pw-not-shown${'y'.repeat(1_000_000)}`;
    connection.runs[0]?.end({ kind: 'error', message, code: 'P0001', position: null });
    const result = await run;
    expect(result).toMatchObject({ kind: 'error' });
    const shown = result.kind === 'error' ? result.message : '';
    expect(shown).toBe(`${'x'.repeat(63_995)}*****… (1,000,001 more characters not kept)`);
  });
});
