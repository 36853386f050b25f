import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialQuerySchema } from '../../../../shared/contract/credentials';
import { vaultRef } from '../../../../electron/services/credentials/credential-service';
import { makeTempDir } from '../../../support/temp-dir';
import {
  actor,
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
  type Services,
} from '../harness';

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

const secret = 'Sup3r-s3cret-Value';

describe('CredentialService writes', () => {
  it('stores the password only in the vault, never in the file, a result or the audit log', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    const saved = await s.credentials.save(
      undefined,
      credential({ deviceId: web.id }),
      setPassword(secret),
      actor,
    );
    expect(saved).toMatchObject({
      id: 1,
      username: 'root',
      hasPassword: true,
      deleted: false,
      lastUsedAt: null,
    });
    expect(s.vault.secrets.get(vaultRef(saved.id))).toBe(secret);
    await settle();

    const returned = [
      saved,
      s.credentials.get(saved.id),
      s.credentials.list(credentialQuerySchema.parse({})),
      s.credentials.options(),
      s.credentials.history(saved.id),
      await s.credentials.exportCsv(credentialQuerySchema.parse({}), actor),
    ];
    expect(JSON.stringify(returned)).not.toContain(secret);
    expect(readCredentialFiles(dir.path)).not.toContain(secret);
    expect(readText(dir.path, 'config.json')).not.toContain(secret);
    expect(readText(dir.path, 'audit.jsonl')).not.toContain(secret);
    expect(s.emitted.map((e) => JSON.stringify(e.payload)).join()).not.toContain(secret);
    expect(s.audit.forEntity('credential', saved.id)[0]).toMatchObject({
      action: 'create',
      label: 'root @ web-01',
      fields: expect.arrayContaining(['username', 'password']) as string[],
      detail: 'Password set',
    });
  });

  it('keeps the credentials in credentials/ids-1-500.json, and reads them back after a restart', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    await s.credentials.save(undefined, credential({ deviceId: web.id, tags: ['prod'] }), keep, actor);
    await settle();
    expect(JSON.parse(readText(join(dir.path, 'credentials'), 'ids-1-500.json'))).toMatchObject({
      credentials: { nextId: 2, rows: [{ id: 1, username: 'root', tags: ['prod'] }] },
    });
    expect(JSON.parse(readText(dir.path, 'credentials.json'))).toEqual({
      schemaVersion: 2,
      layout: { rowsPerFile: 500 },
      nextId: 2,
      __internal__: {},
    });
    expect(readText(dir.path, 'config.json')).not.toContain('"username"');
    const again = openServices(dir.path, { vault: s.vault });
    expect(again.credentials.get(1)).toMatchObject({ username: 'root', tags: ['prod'], hasPassword: false });
    await again.audit.close();
  });

  it('writes nothing at all when a rule fails: vault, file, audit and events untouched', async () => {
    const seed = await seedJit(s);
    await settle();
    const file = readCredentialFiles(dir.path);
    const writes = s.vault.writes.length;
    const entries = s.audit.size;
    s.emitted.length = 0;
    const broken = credential({
      deviceId: seed.web.id,
      jit: { ...enableDisableJit(seed), enableTemplateId: null },
    });
    await expect(s.credentials.save(undefined, broken, setPassword(secret), actor)).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(
      s.credentials.save(seed.admin.id, broken, { action: 'generate' }, actor),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await settle();
    expect(s.vault.writes.length).toBe(writes);
    expect(readCredentialFiles(dir.path)).toBe(file);
    expect(s.audit.size).toBe(entries);
    expect(s.emitted).toEqual([]);
    expect(s.credentials.options().rows.map((o) => o.id)).toEqual([seed.admin.id]);
  });

  it('refuses a password no target could receive (NUL, half a character) from a caller inside the core', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    await settle();
    const writes = s.vault.writes.length;
    for (const [value, reason] of [
      ['Pw\u0000-inner', 'contains a NUL character'],
      ['Pw-\ud800-inner', 'contains half of a character'],
    ] as const) {
      await expect(
        s.credentials.save(undefined, credential({ deviceId: web.id }), setPassword(value), actor),
      ).rejects.toMatchObject({
        code: 'invalid_input',
        field: 'password',
        message: expect.stringContaining(reason) as unknown,
      });
    }
    expect(s.vault.writes.length).toBe(writes);
    expect(s.credentials.options().rows).toEqual([]);
  });

  it('fails with locked, writing nothing, when the password must change while the vault is locked', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    const root = await s.credentials.save(
      undefined,
      credential({ deviceId: web.id }),
      setPassword(secret),
      actor,
    );
    s.vault.state = 'locked';
    await expect(
      s.credentials.save(
        undefined,
        credential({ username: 'other', deviceId: web.id }),
        { action: 'generate' },
        actor,
      ),
    ).rejects.toMatchObject({ code: 'locked' });
    await expect(
      s.credentials.save(root.id, credential({ deviceId: web.id }), { action: 'clear' }, actor),
    ).rejects.toMatchObject({
      code: 'locked',
    });
    expect(s.credentials.options().rows).toHaveLength(1);
    // Fields only: no vault needed.
    expect(
      (await s.credentials.save(root.id, credential({ deviceId: web.id, domain: 'LAB' }), keep, actor))
        .domain,
    ).toBe('LAB');
  });

  it('sets, generates by the policy, keeps and clears the password; audits the name `password` only', async () => {
    const settings = { ...(await import('../../../../shared/domain/settings')).defaultSettings };
    settings.passwordPolicy = { length: 40, lowercase: false, uppercase: true, digits: true, symbols: false };
    await s.audit.close();
    s = openServices(dir.path, { settings });
    const web = await s.devices.save(undefined, device(), actor);
    const c = await s.credentials.save(
      undefined,
      credential({ deviceId: web.id }),
      { action: 'generate' },
      actor,
    );
    const generated = s.vault.secrets.get(vaultRef(c.id)) ?? '';
    expect(generated).toMatch(/^[A-Z0-9]{40}$/);
    expect(generated).toMatch(/[A-Z]/);
    expect(generated).toMatch(/[0-9]/);

    await s.credentials.save(c.id, credential({ deviceId: web.id, domain: 'LAB' }), keep, actor);
    expect(s.vault.secrets.get(vaultRef(c.id))).toBe(generated);
    await s.credentials.save(
      c.id,
      credential({ deviceId: web.id, domain: 'LAB' }),
      setPassword(secret),
      actor,
    );
    expect(s.vault.secrets.get(vaultRef(c.id))).toBe(secret);
    const cleared = await s.credentials.save(
      c.id,
      credential({ deviceId: web.id, domain: 'LAB' }),
      { action: 'clear' },
      actor,
    );
    expect(cleared.hasPassword).toBe(false);

    expect(s.credentials.history(c.id).map((e) => [e.action, e.fields, e.detail])).toEqual([
      ['update', ['password'], 'Password cleared'],
      ['update', ['password'], 'Password set'],
      ['update', ['domain'], ''],
      [
        'create',
        ['username', 'type', 'deviceId', 'domain', 'additionalInfo', 'status', 'tags', 'jit', 'password'],
        'Password generated by the password policy',
      ],
    ]);
    expect(readText(dir.path, 'audit.jsonl')).not.toContain(generated);
  });

  it('records JIT changes by sub-field, and an unchanged save not at all', async () => {
    const seed = await seedJit(s);
    const c = await s.credentials.save(undefined, credential({ deviceId: seed.web.id }), keep, actor);
    const entries = s.audit.size;
    await s.credentials.save(c.id, credential({ deviceId: seed.web.id }), keep, actor);
    expect(s.audit.size).toBe(entries);
    await s.credentials.save(
      c.id,
      credential({ deviceId: seed.web.id, jit: enableDisableJit(seed) }),
      keep,
      actor,
    );
    expect(s.credentials.history(c.id)[0]?.fields).toEqual([
      'jit.enabled',
      'jit.type',
      'jit.authCredentialId',
      'jit.enablePluginId',
      'jit.enableTemplateId',
      'jit.disablePluginId',
      'jit.disableTemplateId',
    ]);
  });

  it('does not hand a stale vault secret of a crashed create to a new credential', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    await s.vault.put(vaultRef(1), 'left over');
    const c = await s.credentials.save(undefined, credential({ deviceId: web.id }), keep, actor);
    expect(c.id).toBe(1);
    expect(c.hasPassword).toBe(false);
    expect(s.vault.has(vaultRef(1))).toBe(false);
  });
});

describe('CredentialService reveal, delete, dependents', () => {
  it('reveals a password only after its audit entry is on disk', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    const c = await s.credentials.save(
      undefined,
      credential({ deviceId: web.id }),
      setPassword(secret),
      actor,
    );
    const readsWhenAudited: number[] = [];
    s.events.subscribe((event, payload) => {
      if (event === 'audit.appended' && (payload as { action: string }).action === 'reveal_password') {
        readsWhenAudited.push(s.vault.reads.length);
        expect(readText(dir.path, 'audit.jsonl')).toContain('"reveal_password"');
      }
    });
    expect(await s.credentials.revealPassword(c.id, 'bob')).toEqual({ password: secret });
    expect(readsWhenAudited).toEqual([0]);
    expect(s.vault.reads).toEqual([vaultRef(c.id)]);
    expect(s.credentials.history(c.id)[0]).toMatchObject({
      action: 'reveal_password',
      actor: 'bob',
      fields: ['password'],
    });
  });

  it('refuses to reveal while locked or without a password, and audits nothing then', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    const none = await s.credentials.save(undefined, credential({ deviceId: web.id }), keep, actor);
    const some = await s.credentials.save(
      undefined,
      credential({ deviceId: web.id, username: 'x' }),
      setPassword(secret),
      actor,
    );
    const entries = s.audit.size;
    await expect(s.credentials.revealPassword(none.id, actor)).rejects.toMatchObject({ code: 'not_found' });
    await expect(s.credentials.revealPassword(404, actor)).rejects.toMatchObject({ code: 'not_found' });
    s.vault.state = 'locked';
    await expect(s.credentials.revealPassword(some.id, actor)).rejects.toMatchObject({ code: 'locked' });
    expect(s.audit.size).toBe(entries);
  });

  it('soft-deletes: kept, Inactive, hidden from lists, flagged in options, not editable', async () => {
    const web = await s.devices.save(undefined, device(), actor);
    const c = await s.credentials.save(
      undefined,
      credential({ deviceId: web.id }),
      setPassword(secret),
      actor,
    );
    const deleted = await s.credentials.delete(c.id, actor);
    expect(deleted).toMatchObject({ deleted: true, status: 'Inactive', hasPassword: true });
    expect(s.credentials.get(c.id).deleted).toBe(true);
    expect(s.credentials.list(credentialQuerySchema.parse({})).total).toBe(0);
    expect(s.credentials.options({ includeDeleted: true }).rows).toEqual([
      expect.objectContaining({ id: c.id, deleted: true }),
    ]);
    expect(s.credentials.options().rows).toEqual([]);
    expect(s.credentials.usage.countByDevice(web.id)).toBe(0);
    expect(s.credentials.history(c.id)[0]).toMatchObject({ action: 'delete', fields: ['deleted', 'status'] });
    await expect(
      s.credentials.save(c.id, credential({ deviceId: web.id }), keep, actor),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    await settle();
    expect(readCredentialFiles(dir.path)).toMatch(/"deleted": *true/);
  });

  it('refuses to deactivate, delete, or clear the password of an authentication credential in use', async () => {
    const seed = await seedJit(s);
    const db = await s.devices.save(undefined, device({ name: 'db-02' }), actor);
    await s.credentials.save(
      undefined,
      credential({ username: 'root', deviceId: seed.web.id, jit: enableDisableJit(seed) }),
      keep,
      actor,
    );
    await s.credentials.save(
      undefined,
      credential({ username: 'pg', deviceId: db.id, jit: enableDisableJit(seed) }),
      keep,
      actor,
    );
    const users =
      'admin @ web-01 is the authentication credential of JIT credentials: root @ web-01, pg @ db-02. ' +
      'Choose another authentication credential for them first.';
    const admin = credential({ username: 'admin', deviceId: seed.web.id });
    await expect(
      s.credentials.save(seed.admin.id, { ...admin, status: 'Inactive' }, keep, actor),
    ).rejects.toMatchObject({
      code: 'conflict',
      field: 'status',
      message: users,
    });
    await expect(s.credentials.save(seed.admin.id, admin, { action: 'clear' }, actor)).rejects.toMatchObject({
      field: 'password',
    });
    await expect(s.credentials.delete(seed.admin.id, actor)).rejects.toMatchObject({
      code: 'conflict',
      message: users,
    });
    // Other edits are fine.
    expect(
      (await s.credentials.save(seed.admin.id, { ...admin, domain: 'LAB' }, setPassword('new'), actor))
        .domain,
    ).toBe('LAB');
  });
});
