// The periodic sweep and the sessions that need attention: each one due gets a single cleanup
// attempt per sweep (not a fresh backoff cycle every few minutes), the record says when the next
// sweep retries it, and a person can force close it between sweeps.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionSecretRef } from '../../../electron/lifecycle/session-lifecycle';
import type { Session } from '../../../shared/domain/session';
import { CREATE, ENABLE, makeWorld, stateOf, until, type World } from './lifecycle-harness';

let world: World;
beforeEach(() => {
  world = makeWorld();
  // Two attempts 10 s apart (equal jitter at 0.5: 7.5 s), then Needs attention.
  world.settings.cleanupRetry = { maxAttempts: 2, baseDelaySeconds: 10, maxDelaySeconds: 300 };
});
afterEach(async () => {
  await world.close();
});

const minutes = (n: number) => n * 60_000;
const session = (id: string): Session => {
  const found = world.store.get(id);
  if (!found) throw new Error(`no session ${id}`);
  return found;
};
const deletes = () => world.target.runs.filter((r) => r.verb === 'delete').length;

/** Opens the lifecycle at 10:00 (the periodic sweep then runs at 10:05, 10:10...), starts a
 * Creation and deletion session whose deletion keeps failing, and drives it to Needs attention. */
async function stuckSession(): Promise<Session> {
  await world.lifecycle.open();
  const started = await world.lifecycle.start(CREATE, 'alice');
  await until(() => stateOf(world, started.id) === 'active', 'active');
  world.target.failures.delete = 1000;
  await world.lifecycle.end(started.id, 'alice');
  await until(() => session(started.id).nextAttemptAt !== null, 'the second attempt planned');
  world.clock.advance(7_500);
  await until(() => stateOf(world, started.id) === 'needs_attention', 'needs attention');
  expect(deletes()).toBe(2);
  return session(started.id);
}

/** Moves the clock to the next periodic sweep and waits until its attempt on `id` has settled. */
async function nextSweep(id: string, attemptsBefore: number, ms = minutes(5)): Promise<void> {
  world.clock.advance(ms);
  await until(
    () => session(id).cleanupAttempts > attemptsBefore && stateOf(world, id) !== 'ending',
    'the sweep attempt settled',
  );
}

describe('the periodic sweep retries what needs attention', () => {
  it('one attempt per sweep, the next sweep time on the record, Ended once the target works', async () => {
    const stuck = await stuckSession();
    // Told when the periodic sweep tries again, on the record and in the audit.
    expect(stuck.nextAttemptAt).toBe('2026-12-01T10:05:00.000Z');
    expect(world.audit.at(-1)?.detail).toContain('the periodic sweep retries it at 2026-12-01T10:05:00.000Z');
    expect(world.lifecycle.statusOf(CREATE)).toBe('Needs attention');

    // A sweep before the record's time leaves it alone (a person's End would still retry it).
    world.clock.advance(minutes(4));
    expect(await world.lifecycle.sweep({ retryNeedsAttention: 'once' })).toBe(0);
    expect(deletes()).toBe(2);

    // 10:05: a single attempt, failing again, and the next sweep's time on the record.
    const audited = world.audit.length;
    await nextSweep(stuck.id, 2, minutes(1));
    expect(deletes()).toBe(3);
    expect(session(stuck.id)).toMatchObject({
      state: 'needs_attention',
      cleanupAttempts: 3,
      nextAttemptAt: '2026-12-01T10:10:00.000Z',
    });
    // Bounded audit: the retry, the failed run, the failure (no backoff cycle of its own).
    expect(world.audit.slice(audited).map((e) => `${e.action} ${e.result}`)).toEqual([
      'session_end success',
      'session_cleanup failure',
      'session_cleanup failure',
    ]);

    // 10:10: the target works again, and the sweep ends the session.
    world.target.failures.delete = 0;
    await nextSweep(stuck.id, 3);
    expect(session(stuck.id)).toMatchObject({ state: 'ended', nextAttemptAt: null });
    expect(world.target.accounts.has(stuck.account)).toBe(false);
    expect(world.vault.secrets.has(sessionSecretRef(stuck.id))).toBe(false);
    expect(world.lifecycle.statusOf(CREATE)).toBe('None');
  });

  it('force close stays possible between sweeps, and the next sweep leaves it closed', async () => {
    const stuck = await stuckSession();
    await nextSweep(stuck.id, 2);
    expect(stateOf(world, stuck.id)).toBe('needs_attention');

    const closed = await world.lifecycle.forceClose(stuck.id, 'the server was decommissioned', 'bob');
    expect(closed).toMatchObject({ state: 'force_closed', nextAttemptAt: null });
    world.clock.advance(minutes(5));
    await world.lifecycle.sweep({ retryNeedsAttention: 'once' });
    await world.lifecycle.idle();
    expect(deletes()).toBe(3);
    expect(stateOf(world, stuck.id)).toBe('force_closed');
  });

  it('an Enable/Disable session that needs attention is disabled by a later sweep', async () => {
    await world.lifecycle.open();
    const started = await world.lifecycle.start(ENABLE, 'alice');
    await until(() => stateOf(world, started.id) === 'active', 'active');
    world.settings.cleanupRetry = { maxAttempts: 1, baseDelaySeconds: 10, maxDelaySeconds: 300 };
    world.target.failures.disable = 2;
    await world.lifecycle.end(started.id, 'alice');
    await until(() => stateOf(world, started.id) === 'needs_attention', 'needs attention');
    expect(world.target.accounts.get('app')?.enabled).toBe(true);

    await nextSweep(started.id, 1);
    expect(stateOf(world, started.id)).toBe('needs_attention');
    await nextSweep(started.id, 2);
    expect(stateOf(world, started.id)).toBe('ended');
    expect(world.target.accounts.get('app')?.enabled).toBe(false);
  });
});
