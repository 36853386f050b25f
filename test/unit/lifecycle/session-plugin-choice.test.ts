// `sessions.start`'s pluginId chooses a plain session's protocol; a JIT credential's protocol is its
// templates' plugin, so a pluginId sent with one is refused (naming the field) and nothing starts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREATE, ENABLE, makeWorld, type World } from './lifecycle-harness';

let world: World;
beforeEach(() => {
  world = makeWorld();
});
afterEach(async () => {
  await world.close();
});

describe('Start session with a chosen protocol', () => {
  it.each([
    ['Creation and deletion', CREATE],
    ['Enable/Disable', ENABLE],
  ])('refuses a protocol for a JIT credential (%s), naming pluginId, and records nothing', async (_, id) => {
    await expect(world.lifecycle.start(id, 'alice', 'ssh')).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'pluginId',
    });
    expect(world.store.all()).toEqual([]);
    expect(world.target.runs).toEqual([]);
  });
});
