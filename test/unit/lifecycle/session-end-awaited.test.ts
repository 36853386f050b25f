// Close in a session view (sessions.end → endAwaited) answers once the cleanup is recorded, so the
// view's Ended is true when it says so; a cleanup slower than the bound is answered as Ending
// (and goes on); a session still starting is answered once its provisioning and cleanup are over.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultEndWaitMs } from '../../../electron/lifecycle/session-lifecycle';
import type { Session } from '../../../shared/domain/session';
import { CREATE, ENABLE, makeWorld, stateOf, until, type World } from './lifecycle-harness';

let world: World;
beforeEach(() => {
  world = makeWorld();
});
afterEach(async () => {
  await world.close();
});

const settled = (id: string, state: Session['state']) =>
  until(() => stateOf(world, id) === state, `session ${id} ${state}`);

/**
 * Whether `promise` has settled yet, once the session's work is held at the target's gate (it can
 * go no further) and what was already queued has run: no wait for luck, a point where nothing moves.
 */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await until(() => world.target.atGate > 0, 'a run held at the gate');
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('endAwaited (Close from a session view)', () => {
  it('answers Ended, with the account already gone, once the cleanup is recorded', async () => {
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'active');
    const answer = await world.lifecycle.endAwaited(started.id, 'alice');
    expect(answer.state).toBe('ended');
    expect(answer.endedAt).not.toBeNull();
    expect(world.target.accounts.has(started.account)).toBe(false);
    expect(world.store.get(started.id)?.state).toBe('ended');
  });

  it('waits while the cleanup runs, and answers Needs attention when it fails for good', async () => {
    world.settings.cleanupRetry = { ...world.settings.cleanupRetry, maxAttempts: 1 };
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'active');
    let release!: () => void;
    world.target.gate = new Promise((resolve) => (release = resolve));
    world.target.failures.delete = 1;
    const answer = world.lifecycle.endAwaited(started.id, 'alice');
    await settled(started.id, 'ending');
    expect(await isSettled(answer)).toBe(false);
    release();
    expect((await answer).state).toBe('needs_attention');
  });

  it('answers Ending after the bound when the cleanup is still going, and the cleanup goes on', async () => {
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'active');
    let release!: () => void;
    world.target.gate = new Promise((resolve) => (release = resolve));
    const answer = world.lifecycle.endAwaited(started.id, 'alice');
    await settled(started.id, 'ending');
    world.clock.advance(defaultEndWaitMs - 1);
    expect(await isSettled(answer)).toBe(false);
    world.clock.advance(1);
    expect((await answer).state).toBe('ending');
    release();
    await settled(started.id, 'ended');
    expect(world.target.accounts.has(started.account)).toBe(false);
  });

  it('for a session still provisioning, answers once it has been provisioned and cleaned up', async () => {
    let release!: () => void;
    world.target.gate = new Promise((resolve) => (release = resolve));
    const started = await world.lifecycle.start(ENABLE, 'alice');
    await settled(started.id, 'provisioning');
    const answer = world.lifecycle.endAwaited(started.id, 'alice');
    expect(await isSettled(answer)).toBe(false);
    release();
    expect((await answer).state).toBe('ended');
    expect(world.target.accounts.get('app')?.enabled).toBe(false);
  });
});
