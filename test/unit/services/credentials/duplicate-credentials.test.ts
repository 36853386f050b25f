import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methodNames } from '../../../../shared/contract';
import { fail } from '../../../../shared/result';
import { Dispatcher, type AllHandlers } from '../../../../electron/core/dispatcher';
import { credentialsHandlers } from '../../../../electron/core/handlers/credentials';
import { makeTempDir } from '../../../support/temp-dir';
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
} from '../harness';

/** One account, one credential: device, user name (exact) and domain (any case). */
let dir: ReturnType<typeof makeTempDir>;
let s: Services;
let lab: number;
let other: number;
beforeEach(async () => {
  dir = makeTempDir();
  s = openServices(dir.path);
  lab = (await s.devices.save(undefined, device({ name: 'lab-linux' }), actor)).id;
  other = (await s.devices.save(undefined, device({ name: 'lab-db', address: '10.0.0.2' }), actor)).id;
});
afterEach(async () => {
  await s.audit.close();
  dir.remove();
});

const alice = (overrides: Parameters<typeof credential>[0] = {}) =>
  credential({ username: 'alice', type: 'Local user', deviceId: lab, ...overrides });

describe('a second credential for one account is refused', () => {
  it('Clone + Save without a change: refused beside Username, nothing written', async () => {
    const first = await s.credentials.save(undefined, alice({ domain: 'LAB' }), setPassword('pw-1'), actor);
    expect(first.id).toBe(1);
    const {
      id: _id,
      hasPassword: _h,
      deleted: _d,
      createdAt: _c,
      updatedAt: _u,
      lastUsedAt: _l,
      ...clone
    } = s.credentials.get(first.id);
    await settle();
    const before = [readCredentialFiles(dir.path), readText(dir.path, 'audit.jsonl'), s.emitted.length];
    await expect(s.credentials.save(undefined, clone, setPassword('pw-2'), actor)).rejects.toMatchObject({
      code: 'conflict',
      field: 'username',
      message: 'alice @ lab-linux already exists (credential 1)',
    });
    await settle();
    expect([readCredentialFiles(dir.path), readText(dir.path, 'audit.jsonl'), s.emitted.length]).toEqual(
      before,
    );
    expect(s.credentials.options().total).toBe(1);
    expect(s.vault.secrets.size).toBe(1);
  });

  it('the domain is compared in any case, the user name exactly', async () => {
    await s.credentials.save(undefined, alice({ domain: 'CORP' }), keep, actor);
    await expect(s.credentials.save(undefined, alice({ domain: 'corp' }), keep, actor)).rejects.toMatchObject(
      {
        code: 'conflict',
        field: 'username',
      },
    );
    // Another user name (case counts), domain, or device: another account.
    await s.credentials.save(undefined, alice({ username: 'Alice', domain: 'CORP' }), keep, actor);
    await s.credentials.save(undefined, alice({ domain: 'LAB' }), keep, actor);
    await s.credentials.save(undefined, alice({ domain: '' }), keep, actor);
    await s.credentials.save(undefined, alice({ domain: 'CORP', deviceId: other }), keep, actor);
    expect(s.credentials.options().total).toBe(5);
  });

  it('renaming or moving onto another credential is refused; saving itself is not', async () => {
    await s.credentials.save(undefined, alice(), keep, actor);
    const bob = await s.credentials.save(undefined, alice({ username: 'bob' }), keep, actor);
    await expect(s.credentials.save(bob.id, alice(), keep, actor)).rejects.toMatchObject({
      code: 'conflict',
      message: 'alice @ lab-linux already exists (credential 1)',
    });
    const elsewhere = await s.credentials.save(undefined, alice({ deviceId: other }), keep, actor);
    await expect(s.credentials.save(elsewhere.id, alice(), keep, actor)).rejects.toMatchObject({
      code: 'conflict',
    });
    // Saving a credential unchanged, or changing other fields, is no duplicate of itself.
    expect(
      (await s.credentials.save(bob.id, alice({ username: 'bob', tags: ['t'] }), keep, actor)).tags,
    ).toEqual(['t']);
  });

  it('a renamed or deleted credential frees its account', async () => {
    const first = await s.credentials.save(undefined, alice(), keep, actor);
    await s.credentials.save(first.id, alice({ username: 'alice.old' }), keep, actor);
    const second = await s.credentials.save(undefined, alice(), keep, actor);
    await s.credentials.delete(second.id, actor);
    const third = await s.credentials.save(undefined, alice(), keep, actor);
    expect(third.id).toBe(second.id + 1);
    // The deleted one stays deleted (kept for audit) and is no duplicate.
    expect(s.credentials.get(second.id).deleted).toBe(true);
  });

  it('is found after a restart (the index is built from the stored rows)', async () => {
    await s.credentials.save(undefined, alice({ domain: 'Lab' }), keep, actor);
    await settle();
    s.config.flush();
    s.flush();
    await s.audit.close();
    s = openServices(dir.path);
    await expect(s.credentials.save(undefined, alice({ domain: 'LAB' }), keep, actor)).rejects.toMatchObject({
      code: 'conflict',
      message: 'alice @ lab-linux already exists (credential 1)',
    });
  });

  it('the handler names the field by its input path: credential.username', async () => {
    await s.credentials.save(undefined, alice(), keep, actor);
    const others = Object.fromEntries(
      methodNames.map((m) => [m, () => Promise.resolve(fail('unavailable', 'not wired in this test'))]),
    ) as unknown as AllHandlers;
    const dispatcher = new Dispatcher({ ...others, ...credentialsHandlers(s.credentials) }, () => undefined);
    const result = await dispatcher.dispatch(
      'credentials.save',
      { credential: { username: 'alice', type: 'Local user', deviceId: lab }, password: { action: 'keep' } },
      { transport: 'internal', actor },
    );
    expect(result).toEqual({
      ok: false,
      code: 'conflict',
      field: 'credential.username',
      message: 'alice @ lab-linux already exists (credential 1)',
    });
  });

  it('imported rows take part (they enter the index once applied)', async () => {
    const count = 2000;
    const ids = s.credentials.reserveIds(count);
    const prepared = s.credentials.prepareImport(
      ids.map((id, i) => ({ id, fields: alice({ username: `user${i}` }) })),
    );
    // Not yet applied: not a duplicate of anything.
    expect(s.credentials.duplicateOf({ deviceId: lab, username: 'user7', domain: '' }, null)).toBeUndefined();
    await s.changes.commit({ tables: prepared.tables, audit: [] }, s.audit);
    prepared.applied();
    expect(s.credentials.duplicateOf({ deviceId: lab, username: 'user7', domain: '' }, null)).toEqual({
      id: ids[7],
      label: 'user7 @ lab-linux',
    });
    expect(
      s.credentials.duplicateOf({ deviceId: lab, username: 'user7', domain: '' }, ids[7] ?? 0),
    ).toBeUndefined();
    await expect(
      s.credentials.save(undefined, alice({ username: 'user1999' }), keep, actor),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: `user1999 @ lab-linux already exists (credential ${ids[1999] ?? 0})`,
    });
  });
});
