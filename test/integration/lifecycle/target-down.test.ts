/**
 * A target server stopped during cleanup: the real core against a PostgreSQL of its own (the lab
 * harness, so the shared lab server keeps running). With a short retry policy the cleanup tries
 * again with backoff, then the session needs attention; once the server is back, the periodic
 * sweep ends it and the role is gone. The core's clock is a ManualClock: the test moves time to
 * each planned attempt once the lifecycle has planned it, never sleeping.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/compose';
import { sessionSecretRef } from '../../../electron/lifecycle/session-lifecycle';
import { ManualClock } from '../../../electron/platform/manual-clock';
import { confBackendFactory } from '../../../electron/storage/conf-backend';
import type { MethodName } from '../../../shared/contract';
import type { Session } from '../../../shared/domain/session';
import type { Settings } from '../../../shared/domain/settings';
import { startPostgres } from '../../lab/postgres';
import type { RunningServer, SqlDetails } from '../../lab/types';
import { makeTempDir } from '../../support/temp-dir';
import { asPostgresAdmin, callCore, seedPostgresLab, type PostgresLab } from '../support/postgres-lab-core';

const dir = makeTempDir('jit-target-down-');
const clock = new ManualClock(new Date());
let server: RunningServer<SqlDetails>;
let core: Core;
let lab: PostgresLab;
const call = (method: MethodName, input: unknown) => callCore(core, method, input);

const roleExists = (name: string) =>
  asPostgresAdmin(
    async (c) => (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount === 1,
    server.details,
  );

/** Polls (real time, bounded) until the session satisfies `check`: the lifecycle works in the background. */
async function until(id: string, what: string, check: (s: Session) => boolean): Promise<Session> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const session = core.sessions.get(id);
    if (check(session)) return session;
    if (Date.now() > deadline) throw new Error(`session ${id}: no ${what}; it is ${JSON.stringify(session)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Moves the core's clock on in small steps until the session satisfies `check`: a planned attempt
 * waits on a timer armed only after its plan is saved and audited, so one jump to the planned
 * time could come before the timer exists.
 */
async function stepUntil(id: string, what: string, check: (s: Session) => boolean): Promise<Session> {
  return until(id, what, (s) => {
    if (check(s)) return true;
    clock.advance(250);
    return false;
  });
}

/** Moves the core's clock to `iso` (firing the timers due by then). */
const advanceTo = (iso: string) => clock.advance(Math.max(0, Date.parse(iso) - clock.now().getTime()));

beforeAll(async () => {
  server = await startPostgres();
  core = createCore({
    dataDir: join(dir.path, 'data'),
    shell: 'browser',
    createBackend: confBackendFactory,
    clock,
    timers: clock,
  });
  const passphraseFile = join(dir.path, 'passphrase');
  writeFileSync(passphraseFile, 'integration passphrase\n', { mode: 0o600 });
  await core.unlockWithPassphraseFile(passphraseFile);
  await core.ready;
  lab = await seedPostgresLab(core, server.details);
  // Three attempts, 1 s then 2 s apart at most (equal jitter: at least half of that).
  const settings = (await call('settings.get', undefined)) as Settings;
  await call('settings.set', {
    ...settings,
    cleanupRetry: { maxAttempts: 3, baseDelaySeconds: 1, maxDelaySeconds: 2 },
  });
});

afterAll(async () => {
  await core.shutdown();
  await server.stop();
  dir.remove();
});

describe('a target stopped during cleanup', () => {
  it('retries with backoff, needs attention; back up, the periodic sweep ends the session', async () => {
    const credential = (await call('credentials.save', {
      credential: {
        username: 'reporting',
        type: 'Local user',
        deviceId: lab.deviceId,
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
    const { id, account } = await until(started.id, 'Active', (s) => s.state === 'active');
    expect(await roleExists(account)).toBe(true);

    // Every state the session is saved in, to read the planned attempts from.
    const saved: Session[] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'sessions.changed' && (payload as Session).id === id) saved.push(payload as Session);
    });
    await server.halt();
    // End answers once the cleanup is recorded (or after a bound on the core's clock, which only
    // this test moves): so the clock is stepped while the answer is pending.
    const answer = call('sessions.end', { id }) as Promise<Session>;
    const stuck = await stepUntil(id, 'Needs attention', (s) => s.state === 'needs_attention');
    expect(await answer).toMatchObject({ id, state: 'needs_attention' });
    expect(stuck.cleanupAttempts).toBe(3);
    // Backoff: after the first failure 1 s, after the second 2 s, each with equal jitter.
    const delays = saved
      .filter((s) => s.state === 'ending' && s.nextAttemptAt !== null)
      .map((s) => Date.parse(s.nextAttemptAt ?? '') - Date.parse(s.updatedAt));
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(500);
    expect(delays[0]).toBeLessThanOrEqual(1000);
    expect(delays[1]).toBeGreaterThanOrEqual(1000);
    expect(delays[1]).toBeLessThanOrEqual(2000);
    expect(stuck.error).not.toBeNull();
    // The record says when the periodic sweep tries again.
    expect(stuck.nextAttemptAt).not.toBeNull();
    const statusOf = (await call('credentials.list', {})) as {
      rows: { id: number; sessionStatus: string }[];
    };
    expect(statusOf.rows.find((r) => r.id === credential.id)?.sessionStatus).toBe('Needs attention');

    await server.resume();
    // Left on the server while it was down: the session still holds it.
    expect(await roleExists(account)).toBe(true);
    advanceTo(stuck.nextAttemptAt ?? '');
    const ended = await until(id, 'Ended', (s) => s.state !== 'ending' && s.state !== 'needs_attention');
    expect(ended).toMatchObject({ state: 'ended', cleanupAttempts: 4, error: null, nextAttemptAt: null });
    expect(await roleExists(account)).toBe(false);
    expect(core.vault.has(sessionSecretRef(id))).toBe(false);
  });
});
