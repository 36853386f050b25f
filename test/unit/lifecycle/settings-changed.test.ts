// A credential edited while its session is live must not turn the cleanup on another account:
// the plan is read again at cleanup, and refused (Needs attention, the target left alone) when it
// no longer matches what the session started on. An attack review found the end of an
// Enable/Disable session deleting the real account after its JIT type was switched.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialSchema } from '../../../shared/domain/credential';
import type { Session } from '../../../shared/domain/session';
import { CREATE, ENABLE, makeWorld, stateOf, until, type World } from './lifecycle-harness';

let world: World;
beforeEach(() => {
  world = makeWorld();
  world.settings = { ...world.settings, cleanupRetry: { ...world.settings.cleanupRetry, maxAttempts: 1 } };
});
afterEach(async () => {
  await world.close();
});

const settled = (id: string, state: Session['state']) =>
  until(() => stateOf(world, id) === state, `session ${id} ${state}`);

function edit(id: number, change: (c: ReturnType<typeof credentialSchema.parse>) => object): void {
  const current = world.credentials.get(id);
  if (!current) throw new Error(`no credential ${id}`);
  world.credentials.set(id, credentialSchema.parse({ ...current, ...change(current) }));
}

describe('a credential edited during its session', () => {
  it('switched from Enable/Disable to Creation and deletion: the end touches nothing, Needs attention', async () => {
    const session = await world.lifecycle.start(ENABLE, 'alice');
    await settled(session.id, 'active');
    edit(ENABLE, (c) => ({
      jit: {
        ...c.jit,
        type: 'create_delete',
        createPluginId: 'postgresql',
        createTemplateId: 1,
        deletePluginId: 'postgresql',
        deleteTemplateId: 2,
      },
    }));
    const runsBefore = world.target.runs.length;
    await world.lifecycle.end(session.id, 'alice');
    await settled(session.id, 'needs_attention');
    expect(world.target.runs.slice(runsBefore)).toEqual([]);
    expect(world.target.accounts.has('app')).toBe(true);
    const last = world.changes.filter((s) => s.id === session.id).at(-1);
    expect(last?.error).toMatch(/JIT type changed since the session started/);
  });

  it('renamed (another user name): the end does not disable the new name', async () => {
    const session = await world.lifecycle.start(ENABLE, 'alice');
    await settled(session.id, 'active');
    edit(ENABLE, () => ({ username: 'someone-else' }));
    const runsBefore = world.target.runs.length;
    await world.lifecycle.end(session.id, 'alice');
    await settled(session.id, 'needs_attention');
    expect(world.target.runs.slice(runsBefore)).toEqual([]);
  });

  it('records where it provisioned', async () => {
    const session = await world.lifecycle.start(CREATE, 'alice');
    await settled(session.id, 'active');
    const active = world.changes.filter((s) => s.id === session.id).at(-1);
    expect(active?.target).toMatch(/^127\.0\.0\.1:\d+$/);
  });
});

describe('force close against a retry from another window', () => {
  it('never goes from Force closed back to a cleanup', async () => {
    world.target.failures.delete = 100;
    const session = await world.lifecycle.start(CREATE, 'alice');
    await settled(session.id, 'active');
    await world.lifecycle.end(session.id, 'alice');
    await settled(session.id, 'needs_attention');
    world.target.failures.delete = 0;
    const results = await Promise.allSettled([
      world.lifecycle.forceClose(session.id, 'the server was rebuilt', 'tab2'),
      world.lifecycle.end(session.id, 'tab1'),
    ]);
    await world.lifecycle.idle();
    const states = world.changes.filter((s) => s.id === session.id).map((s) => s.state);
    // Force close claimed the session first: the End finds it taken and starts nothing.
    expect(states.at(-1)).toBe('force_closed');
    expect(states.filter((state) => state === 'force_closed')).toHaveLength(1);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
  });
});
