import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methodNames } from '../../../shared/contract';
import { fail } from '../../../shared/result';
import { Dispatcher, type AllHandlers } from '../../../electron/core/dispatcher';
import { credentialsHandlers } from '../../../electron/core/handlers/credentials';
import { devicesHandlers } from '../../../electron/core/handlers/devices';
import { vaultRef } from '../../../electron/services/credentials/credential-service';
import { localTime } from '../../../electron/services/stale-save';
import { makeTempDir } from '../../support/temp-dir';
import {
  actor,
  credential,
  device,
  keep,
  openServices,
  readCredentialFiles,
  readText,
  setPassword,
  settle,
  type Services,
} from './harness';

/** Two forms open on one record: the one saved second must not undo the first's changes. */
let dir: ReturnType<typeof makeTempDir>;
let s: Services;
beforeEach(() => {
  dir = makeTempDir();
  s = openServices(dir.path);
});
afterEach(async () => {
  await s.audit.close();
  dir.remove();
});

/** Everything a refused save must leave as it was: files, audit entries, events, the vault. */
async function unchanged(run: () => Promise<unknown>): Promise<unknown> {
  await settle();
  const before = {
    config: readText(dir.path, 'config.json'),
    credentials: readCredentialFiles(dir.path),
    audit: readText(dir.path, 'audit.jsonl'),
    auditSize: s.audit.size,
    events: s.emitted.length,
    secrets: [...s.vault.secrets.entries()],
  };
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  await settle();
  expect({
    config: readText(dir.path, 'config.json'),
    credentials: readCredentialFiles(dir.path),
    audit: readText(dir.path, 'audit.jsonl'),
    auditSize: s.audit.size,
    events: s.emitted.length,
    secrets: [...s.vault.secrets.entries()],
  }).toEqual(before);
  return error;
}

describe('credentials.save with expectedUpdatedAt', () => {
  it('refuses the second of two forms opened on the same version, writing and auditing nothing', async () => {
    const web = await s.devices.save(undefined, device({ name: 'lab-linux' }), actor);
    const loaded = await s.credentials.save(
      undefined,
      credential({ username: 'alice', deviceId: web.id }),
      setPassword('first-pw'),
      actor,
    );
    // Tab B saves first (its version matches), one second later.
    s.clock.tick();
    const b = await s.credentials.save(
      loaded.id,
      credential({ username: 'alice', deviceId: web.id, domain: 'LAB' }),
      keep,
      actor,
      loaded.updatedAt,
    );
    expect(b.updatedAt).not.toBe(loaded.updatedAt);

    // Tab A, still on the first version, would undo B's domain and set a password: refused.
    s.clock.tick();
    const error = await unchanged(() =>
      s.credentials.save(
        loaded.id,
        credential({ username: 'alice', deviceId: web.id, tags: ['a'] }),
        setPassword('second-pw'),
        actor,
        loaded.updatedAt,
      ),
    );
    expect(error).toMatchObject({
      code: 'conflict',
      field: undefined,
      message:
        `alice @ lab-linux was changed elsewhere at ${localTime(Date.parse(b.updatedAt))} (by the last save); ` +
        'close this form and open it again to see the changes. Nothing was saved.',
    });
    expect(s.credentials.get(loaded.id)).toMatchObject({ domain: 'LAB', tags: [], updatedAt: b.updatedAt });
    expect(s.vault.secrets.get(vaultRef(loaded.id))).toBe('first-pw');

    // Opened again (the current version): saved.
    const again = await s.credentials.save(
      loaded.id,
      credential({ username: 'alice', deviceId: web.id, domain: 'LAB', tags: ['a'] }),
      keep,
      actor,
      b.updatedAt,
    );
    expect(again.tags).toEqual(['a']);
  });

  it('a change made by the device cascade counts too', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    const root = await s.credentials.save(undefined, credential({ deviceId: web.id }), keep, actor);
    s.clock.tick();
    await s.devices.save(web.id, device({ active: false }), actor);
    await expect(
      s.credentials.save(
        root.id,
        credential({ deviceId: web.id, status: 'Inactive', tags: ['x'] }),
        keep,
        actor,
        root.updatedAt,
      ),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('root @ web-01 was changed') as string,
    });
  });

  it('without expectedUpdatedAt (import, older callers) nothing is compared; one instant in another offset matches', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    const root = await s.credentials.save(undefined, credential({ deviceId: web.id }), keep, actor);
    s.clock.tick();
    await s.credentials.save(root.id, credential({ deviceId: web.id, domain: 'A' }), keep, actor);
    s.clock.tick();
    const last = await s.credentials.save(
      root.id,
      credential({ deviceId: web.id, domain: 'B' }),
      keep,
      actor,
    );
    expect(last.domain).toBe('B');
    // 10:00:02Z written as 11:00:02+01:00 is the same version.
    expect(last.updatedAt).toBe('2026-11-29T10:00:02.000Z');
    const same = await s.credentials.save(
      root.id,
      credential({ deviceId: web.id, domain: 'C' }),
      keep,
      actor,
      '2026-11-29T11:00:02+01:00',
    );
    expect(same.domain).toBe('C');
    // A new credential has no version to compare.
    expect(
      (
        await s.credentials.save(
          undefined,
          credential({ username: 'new', deviceId: web.id }),
          keep,
          actor,
          '2000-01-01T00:00:00Z',
        )
      ).username,
    ).toBe('new');
  });
});

describe('devices.save with expectedUpdatedAt', () => {
  it('refuses a stale form, and its deactivation cascades to nothing', async () => {
    const loaded = await s.devices.save(undefined, device({ name: 'lab-linux' }), actor);
    const root = await s.credentials.save(undefined, credential({ deviceId: loaded.id }), keep, actor);
    s.clock.tick();
    const b = await s.devices.save(
      loaded.id,
      device({ name: 'lab-linux', site: 'Lab B' }),
      actor,
      loaded.updatedAt,
    );
    s.clock.tick();
    const error = await unchanged(() =>
      s.devices.save(loaded.id, device({ name: 'lab-linux', active: false }), actor, loaded.updatedAt),
    );
    expect(error).toMatchObject({
      code: 'conflict',
      field: undefined,
      message:
        `lab-linux was changed elsewhere at ${localTime(Date.parse(b.updatedAt))} (by the last save); ` +
        'close this form and open it again to see the changes. Nothing was saved.',
    });
    expect(s.devices.get(loaded.id)).toMatchObject({ active: true, site: 'Lab B' });
    expect(s.credentials.get(root.id).status).toBe('Active');

    // Without a version: saved as before.
    expect((await s.devices.save(loaded.id, device({ name: 'lab-linux', site: 'C' }), actor)).site).toBe('C');
  });
});

describe('the handlers pass expectedUpdatedAt through', () => {
  it('credentials.save and devices.save answer conflict without a field', async () => {
    const others = Object.fromEntries(
      methodNames.map((m) => [m, () => Promise.resolve(fail('unavailable', 'not wired in this test'))]),
    ) as unknown as AllHandlers;
    const log: string[] = [];
    const dispatcher = new Dispatcher(
      { ...others, ...devicesHandlers(s.devices), ...credentialsHandlers(s.credentials) },
      (line) => log.push(line),
    );
    const call = (method: string, input: unknown) =>
      dispatcher.dispatch(method, input, { transport: 'internal', actor: 'carol' });
    const deviceInput = { name: 'web-01', address: '10.0.0.1', type: 'Server' };
    const saved = await call('devices.save', { device: deviceInput });
    if (!saved.ok) throw new Error(saved.message);
    const { updatedAt } = saved.value as { updatedAt: string };
    const credentialInput = { username: 'root', type: 'Local administrator', deviceId: 1 };
    const created = await call('credentials.save', {
      credential: credentialInput,
      password: { action: 'keep' },
    });
    if (!created.ok) throw new Error(created.message);
    const loaded = created.value as { id: number; updatedAt: string };

    s.clock.tick();
    expect(
      await call('devices.save', {
        id: 1,
        device: { ...deviceInput, site: 'A' },
        expectedUpdatedAt: updatedAt,
      }),
    ).toMatchObject({ ok: true });
    expect(
      await call('devices.save', {
        id: 1,
        device: { ...deviceInput, site: 'B' },
        expectedUpdatedAt: updatedAt,
      }),
    ).toEqual({
      ok: false,
      code: 'conflict',
      message: expect.stringContaining('web-01 was changed elsewhere') as string,
    });

    const update = (domain: string) => ({
      id: loaded.id,
      credential: { ...credentialInput, domain },
      password: { action: 'keep' },
      expectedUpdatedAt: loaded.updatedAt,
    });
    expect(await call('credentials.save', update('A'))).toMatchObject({ ok: true });
    expect(await call('credentials.save', update('B'))).toEqual({
      ok: false,
      code: 'conflict',
      message: expect.stringContaining('root @ web-01 was changed elsewhere') as string,
    });
    expect(s.credentials.get(loaded.id).domain).toBe('A');
    expect(log).toEqual([]);
  });
});
