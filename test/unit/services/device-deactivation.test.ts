import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methodNames } from '../../../shared/contract';
import { fail } from '../../../shared/result';
import { Dispatcher, type AllHandlers } from '../../../electron/core/dispatcher';
import { devicesHandlers } from '../../../electron/core/handlers/devices';
import { makeTempDir } from '../../support/temp-dir';
import {
  actor,
  createDeleteJit,
  credential,
  device,
  enableDisableJit,
  keep,
  openServices,
  readCredentialFiles,
  readText,
  seedJit,
  setPassword,
  settle,
  type Seed,
  type Services,
} from './harness';

/**
 * Deactivating a device deactivates its credentials, so it must not deactivate an authentication
 * credential that JIT credentials use: deactivating that credential itself is refused, and the
 * device's Active box must not be a way round the rule.
 */
let dir: ReturnType<typeof makeTempDir>;
let s: Services;
let seed: Seed;
beforeEach(async () => {
  dir = makeTempDir();
  s = openServices(dir.path);
  seed = await seedJit(s);
});
afterEach(async () => {
  await s.audit.close();
  dir.remove();
});

const snapshot = () => ({
  config: readText(dir.path, 'config.json'),
  credentials: readCredentialFiles(dir.path),
  audit: readText(dir.path, 'audit.jsonl'),
  auditSize: s.audit.size,
  events: s.emitted.length,
});

/** A second device with a JIT credential there authenticated by `authId`. */
async function jitElsewhere(authId = seed.admin.id, username = 'alice') {
  const db = await s.devices.save(undefined, device({ name: 'db-02', address: '10.0.0.2' }), actor);
  return s.credentials.save(
    undefined,
    credential({ username, deviceId: db.id, jit: enableDisableJit(seed, authId) }),
    keep,
    actor,
  );
}

describe('deactivating a device whose credential authenticates JIT credentials', () => {
  it('is refused before anything is written, naming the JIT credentials and the authentication credential', async () => {
    await jitElsewhere();
    await settle();
    const before = snapshot();
    await expect(s.devices.save(seed.web.id, device({ active: false }), actor)).rejects.toMatchObject({
      code: 'conflict',
      field: 'active',
      message:
        'Deactivating web-01 would deactivate admin @ web-01, the authentication credential of JIT ' +
        'credentials: alice @ db-02. Choose another authentication credential for them first. Nothing was saved.',
    });
    await settle();
    expect(snapshot()).toEqual(before);
    expect(s.devices.get(seed.web.id).active).toBe(true);
    expect(s.credentials.get(seed.admin.id).status).toBe('Active');
  });

  it('the JIT credential stays saveable (the bug: it could not be saved once its auth was inactive)', async () => {
    const jit = await jitElsewhere();
    await expect(s.devices.save(seed.web.id, device({ active: false }), actor)).rejects.toMatchObject({
      code: 'conflict',
    });
    const saved = await s.credentials.save(
      jit.id,
      credential({ username: 'alice', deviceId: jit.deviceId, tags: ['still'], jit: enableDisableJit(seed) }),
      keep,
      actor,
    );
    expect(saved.tags).toEqual(['still']);
  });

  it('names every authentication credential and every user; users on the same device count too', async () => {
    const ops = await s.credentials.save(
      undefined,
      credential({ username: 'ops', deviceId: seed.web.id }),
      setPassword('Ops-pw-1'),
      actor,
    );
    await jitElsewhere(seed.admin.id, 'alice');
    const db = s.devices.list().find((d) => d.name === 'db-02');
    await s.credentials.save(
      undefined,
      credential({ username: 'bob', deviceId: db?.id ?? 0, jit: enableDisableJit(seed, ops.id) }),
      keep,
      actor,
    );
    await s.credentials.save(
      undefined,
      credential({ username: 'local', deviceId: seed.web.id, jit: enableDisableJit(seed, ops.id) }),
      keep,
      actor,
    );
    await expect(s.devices.save(seed.web.id, device({ active: false }), actor)).rejects.toMatchObject({
      code: 'conflict',
      field: 'active',
      message:
        'Deactivating web-01 would deactivate admin @ web-01, ops @ web-01, the authentication credentials ' +
        'of JIT credentials: alice @ db-02, bob @ db-02, local @ web-01. Choose another authentication ' +
        'credential for them first. Nothing was saved.',
    });
  });

  it('is allowed once no JIT credential (not deleted, JIT on) uses one of its credentials', async () => {
    const jit = await jitElsewhere();
    // JIT off: not a user any more.
    await s.credentials.save(
      jit.id,
      credential({
        username: 'alice',
        deviceId: jit.deviceId,
        jit: { ...enableDisableJit(seed), enabled: false },
      }),
      keep,
      actor,
    );
    // A user that is deleted does not count either.
    const gone = await s.credentials.save(
      undefined,
      credential({ username: 'gone', deviceId: jit.deviceId, jit: enableDisableJit(seed) }),
      keep,
      actor,
    );
    await s.credentials.delete(gone.id, actor);
    // A creation and deletion credential that connects as itself uses no one.
    await s.credentials.save(
      undefined,
      credential({ username: 'own', deviceId: seed.web.id, jit: createDeleteJit(seed) }),
      setPassword('Own-pw-1'),
      actor,
    );
    const off = await s.devices.save(seed.web.id, device({ active: false }), actor);
    expect(off.active).toBe(false);
    expect(s.credentials.get(seed.admin.id).status).toBe('Inactive');
  });

  it('is allowed after the JIT credential chose an authentication credential on another device', async () => {
    const jit = await jitElsewhere();
    const dba = await s.credentials.save(
      undefined,
      credential({ username: 'dba', deviceId: jit.deviceId }),
      setPassword('Dba-pw-1'),
      actor,
    );
    await s.credentials.save(
      jit.id,
      credential({ username: 'alice', deviceId: jit.deviceId, jit: enableDisableJit(seed, dba.id) }),
      keep,
      actor,
    );
    expect((await s.devices.save(seed.web.id, device({ active: false }), actor)).active).toBe(false);
  });

  it('other edits of the device, and re-activating it, are not affected', async () => {
    await jitElsewhere();
    expect((await s.devices.save(seed.web.id, device({ site: 'Lab A' }), actor)).site).toBe('Lab A');
  });

  it('deleting the device stays refused while it holds credentials (the authentication credential among them)', async () => {
    await jitElsewhere();
    await expect(s.devices.delete(seed.web.id, actor)).rejects.toMatchObject({
      code: 'conflict',
      message: 'web-01 still holds 1 credential: delete it first',
    });
    // And that credential cannot be deleted while it is in use.
    await expect(s.credentials.delete(seed.admin.id, actor)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('alice @ db-02') as string,
    });
  });

  it('the handler names the field by its input path: device.active', async () => {
    await jitElsewhere();
    const others = Object.fromEntries(
      methodNames.map((m) => [m, () => Promise.resolve(fail('unavailable', 'not wired in this test'))]),
    ) as unknown as AllHandlers;
    const dispatcher = new Dispatcher({ ...others, ...devicesHandlers(s.devices) }, () => undefined);
    const result = await dispatcher.dispatch(
      'devices.save',
      { id: seed.web.id, device: { name: 'web-01', address: '10.0.0.1', type: 'Server', active: false } },
      { transport: 'internal', actor },
    );
    expect(result).toMatchObject({ ok: false, code: 'conflict', field: 'device.active' });
  });
});
