import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { actor, credential, device, keep, openServices, settle, type Services } from './harness';

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

describe('DeviceService', () => {
  it('creates, reads back after a restart, and lists by name with credential counts', async () => {
    const b = await s.devices.save(undefined, device({ name: 'web-10', address: 'web10.lab' }), actor);
    const a = await s.devices.save(undefined, device({ name: 'web-2' }), actor);
    await s.credentials.save(undefined, credential({ deviceId: a.id }), keep, actor);
    await settle();
    const again = openServices(dir.path);
    expect(again.devices.list().map((d) => [d.name, d.credentialCount])).toEqual([
      ['web-2', 1],
      ['web-10', 0],
    ]);
    expect(again.devices.get(b.id)).toMatchObject({
      address: 'web10.lab',
      createdAt: '2026-11-29T10:00:00.000Z',
    });
    await again.audit.close();
  });

  it('refuses a second device of the same name, whatever the case', async () => {
    const web = await s.devices.save(undefined, device({ name: 'web-01' }), actor);
    await expect(s.devices.save(undefined, device({ name: 'WEB-01' }), actor)).rejects.toMatchObject({
      code: 'conflict',
      field: 'name',
    });
    const other = await s.devices.save(undefined, device({ name: 'db-01' }), actor);
    await expect(s.devices.save(other.id, device({ name: 'Web-01' }), actor)).rejects.toMatchObject({
      field: 'name',
    });
    // Renaming a device to its own name in another case is fine.
    expect((await s.devices.save(web.id, device({ name: 'Web-01' }), actor)).name).toBe('Web-01');
  });

  it('serialises concurrent saves: two devices of one name cannot both be created', async () => {
    const results = await Promise.allSettled([
      s.devices.save(undefined, device({ name: 'twin' }), actor),
      s.devices.save(undefined, device({ name: 'TWIN' }), actor),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(s.devices.list()).toHaveLength(1);
  });

  it('refuses to delete a device that still holds credentials, and deletes it once they are deleted', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    const root = await s.credentials.save(undefined, credential({ deviceId: web.id }), keep, actor);
    await expect(s.devices.delete(web.id, actor)).rejects.toMatchObject({
      code: 'conflict',
      message: 'web-01 still holds 1 credential: delete it first',
    });
    await s.credentials.delete(root.id, actor);
    expect(await s.devices.delete(web.id, actor)).toEqual({ id: web.id });
    expect(s.devices.list()).toEqual([]);
    await expect(s.devices.delete(web.id, actor)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('deactivating a device deactivates its credentials; re-activating it does not re-activate them', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    const db = await s.devices.save(undefined, device({ name: 'db-01' }), actor);
    const a = await s.credentials.save(
      undefined,
      credential({ deviceId: web.id, username: 'a' }),
      keep,
      actor,
    );
    const b = await s.credentials.save(
      undefined,
      credential({ deviceId: web.id, username: 'b' }),
      keep,
      actor,
    );
    const other = await s.credentials.save(undefined, credential({ deviceId: db.id }), keep, actor);
    s.emitted.length = 0;

    await s.devices.save(web.id, device({ active: false }), actor);
    expect(s.credentials.get(a.id).status).toBe('Inactive');
    expect(s.credentials.get(b.id).status).toBe('Inactive');
    expect(s.credentials.get(other.id).status).toBe('Active');
    expect(s.emitted.filter((e) => e.event !== 'audit.appended')).toEqual([
      { event: 'credentials.changed', payload: { ids: [a.id, b.id] } },
      { event: 'devices.changed', payload: { ids: [web.id] } },
    ]);
    const audit = s.audit.list({}, 0, 10).entries;
    expect(audit.slice(0, 3).map((e) => [e.action, e.entity, e.label, e.fields])).toEqual([
      ['deactivate', 'device', 'web-01', ['active']],
      ['deactivate', 'credential', 'b @ web-01', ['status']],
      ['deactivate', 'credential', 'a @ web-01', ['status']],
    ]);

    await s.devices.save(web.id, device({ active: true }), actor);
    expect(s.credentials.get(a.id).status).toBe('Inactive');
    expect(s.audit.list({}, 0, 1).entries[0]).toMatchObject({ action: 'activate', entity: 'device' });
  });

  it('audits each changed field with its values before and after, and an unchanged save not at all', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    await s.devices.save(web.id, device({ address: '10.0.0.9', tags: ['prod'] }), actor);
    const before = s.audit.size;
    await s.devices.save(web.id, device({ address: '10.0.0.9', tags: ['prod'] }), actor);
    expect(s.audit.size).toBe(before);
    const [update, create] = s.audit.list({ entity: 'device' }, 0, 10).entries;
    expect(update).toMatchObject({ action: 'update', fields: ['address', 'tags'], actor, entityId: web.id });
    expect(create?.action).toBe('create');
    // No device field is secret: the values are kept (secret custom fields apart, see custom-fields.test.ts).
    expect(update?.changes).toEqual([
      { field: 'address', label: 'Address', before: device().address, after: '10.0.0.9' },
      { field: 'tags', label: 'Tags', note: 'added prod' },
    ]);
  });
});
