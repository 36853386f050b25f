// While a credential has a live session, what its cleanup acts on (which account, where, how)
// cannot change: the session must end first. The password and descriptive fields still can.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../support/temp-dir';
import {
  actor,
  credential,
  enableDisableJit,
  keep,
  openServices,
  seedJit,
  setPassword,
  type Seed,
  type Services,
} from '../harness';

let dir: ReturnType<typeof makeTempDir>;
let s: Services;
let seed: Seed;
const live = new Set<number>();

beforeEach(async () => {
  dir = makeTempDir('jit-live-edits-');
  live.clear();
  s = openServices(dir.path, { sessionStatus: (id) => (live.has(id) ? 'Active' : 'None') });
  seed = await seedJit(s);
});
afterEach(async () => {
  await s.audit.close();
  dir.remove();
});

async function jitCredential() {
  return s.credentials.save(
    undefined,
    credential({ username: 'app', deviceId: seed.web.id, jit: enableDisableJit(seed) }),
    setPassword('App-passw0rd!'),
    actor,
  );
}

describe('editing a credential with a live session', () => {
  it('refuses a change of user name, JIT settings, status or a delete, naming the fields', async () => {
    const app = await jitCredential();
    live.add(app.id);
    const fields = credential({ username: 'app', deviceId: seed.web.id, jit: enableDisableJit(seed) });
    await expect(
      s.credentials.save(app.id, { ...fields, username: 'app2' }, keep, actor),
    ).rejects.toMatchObject({ code: 'conflict', field: 'username' });
    await expect(s.credentials.save(app.id, { ...fields, username: 'app2' }, keep, actor)).rejects.toThrow(
      /has a live session \(Active\): end it before changing username/,
    );
    await expect(
      s.credentials.save(app.id, { ...fields, jit: { ...fields.jit, enabled: false } }, keep, actor),
    ).rejects.toMatchObject({ code: 'conflict', field: 'jit.enabled' });
    await expect(
      s.credentials.save(app.id, { ...fields, status: 'Inactive' }, keep, actor),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(s.credentials.delete(app.id, actor)).rejects.toMatchObject({ code: 'conflict' });
    expect(s.credentials.get(app.id).username).toBe('app');
  });

  it('still takes a new password or description, and everything once the session is over', async () => {
    const app = await jitCredential();
    live.add(app.id);
    const fields = credential({ username: 'app', deviceId: seed.web.id, jit: enableDisableJit(seed) });
    await s.credentials.save(
      app.id,
      { ...fields, additionalInfo: 'reports' },
      setPassword('N3w-passw0rd!'),
      actor,
    );
    live.delete(app.id);
    await s.credentials.save(app.id, { ...fields, username: 'app2' }, keep, actor);
    expect(s.credentials.get(app.id).username).toBe('app2');
  });
});
