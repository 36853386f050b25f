/**
 * CredentialUsage on its own, over an index of hand-made rows: each answer the device and template
 * services ask about credentials, and the refusal's wording (labels, lists, the field).
 */
import { describe, expect, it } from 'vitest';
import { defaultJit, type CredentialJit } from '../../../../shared/domain/credential';
import { CredentialIndex } from '../../../../electron/services/credentials/credential-index';
import { CredentialUsage } from '../../../../electron/services/credentials/credential-usage';
import type { StoredCredential, StoredDevice } from '../../../../electron/services/stored-records';
import { ServiceError } from '../../../../electron/services/service-error';
import { credential } from '../harness';

const at = '2026-11-29T10:00:00.000Z';

function row(
  id: number,
  fields: Partial<Omit<StoredCredential, 'jit'>> & { jit?: Partial<CredentialJit> } = {},
) {
  const { jit, ...rest } = fields;
  return {
    ...credential({ username: `user${id}`, deviceId: 1 }),
    id,
    deleted: false,
    createdAt: at,
    updatedAt: at,
    lastUsedAt: null,
    ...rest,
    jit: { ...defaultJit, ...jit },
  } satisfies StoredCredential;
}

/** A JIT credential using templates 10 and 11, connecting with credential `authId`. */
const jitUser = (authId: number | null): Partial<CredentialJit> => ({
  enabled: true,
  type: 'enable_disable',
  useOwnCredential: authId === null,
  authCredentialId: authId,
  enablePluginId: 'ssh',
  enableTemplateId: 10,
  disablePluginId: 'ssh',
  disableTemplateId: 11,
});

const devices = new Map<number, StoredDevice>(
  [
    { id: 1, name: 'web-01' },
    { id: 2, name: 'db-02' },
  ].map((d) => [d.id, { address: '10.0.0.1', type: 'Server', ...d } as StoredDevice]),
);
const deviceRecords = { get: (id: number) => devices.get(id), all: () => devices.values() };

function usageOf(rows: StoredCredential[]) {
  const index = new CredentialIndex(rows);
  return { index, usage: new CredentialUsage({ index, devices: deviceRecords }) };
}

function refusal(run: () => void): ServiceError {
  try {
    run();
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('CredentialUsage', () => {
  it('counts the credentials of a device, deleted ones left out, and follows the index', () => {
    const { index, usage } = usageOf([
      row(1, { deviceId: 1 }),
      row(2, { deviceId: 1, deleted: true }),
      row(3, { deviceId: 1, status: 'Inactive' }),
      row(4, { deviceId: 2 }),
    ]);
    expect(usage.countByDevice(1)).toBe(2);
    expect(usage.countByDevice(2)).toBe(1);
    expect(usage.countByDevice(3)).toBe(0);
    expect([...usage.countsByDevice()].sort()).toEqual([
      [1, 2],
      [2, 1],
    ]);
    // The credential service writes the index; the answers read it as it is now.
    index.set(row(4, { deviceId: 2, deleted: true }));
    expect(usage.countByDevice(2)).toBe(0);
    expect(usage.countsByDevice().has(2)).toBe(false);
  });

  it('names the JIT credentials using a template, by id; not deleted ones, not JIT-disabled ones', () => {
    const { usage } = usageOf([
      row(5, { username: 'postgres', deviceId: 2, jit: jitUser(null) }),
      row(3, { username: 'root', deviceId: 1, jit: jitUser(null) }),
      row(4, { deleted: true, jit: jitUser(null) }),
      row(6, { jit: { ...jitUser(null), enabled: false } }),
      row(7, { deviceId: 9, jit: { ...jitUser(null), enableTemplateId: 12, disableTemplateId: 13 } }),
    ]);
    expect(usage.usersOfTemplate(10)).toEqual([
      { id: 3, label: 'root @ web-01' },
      { id: 5, label: 'postgres @ db-02' },
    ]);
    expect(usage.usersOfTemplate(11).map((r) => r.id)).toEqual([3, 5]);
    // A device missing from the records is named by its id.
    expect(usage.usersOfTemplate(12)).toEqual([{ id: 7, label: 'user7 @ device 9' }]);
    expect(usage.usersOfTemplate(99)).toEqual([]);
  });

  it('names the JIT credentials connecting with a credential, never the credential itself', () => {
    const { usage } = usageOf([
      row(1, { username: 'admin' }),
      row(2, { username: 'alice', deviceId: 2, jit: jitUser(1) }),
      row(3, { username: 'self', jit: jitUser(3) }),
      row(4, { deleted: true, jit: jitUser(1) }),
      row(5, { jit: { ...jitUser(1), useOwnCredential: true } }),
    ]);
    expect(usage.authUsers(1)).toEqual([{ id: 2, label: 'alice @ db-02' }]);
    expect(usage.authUsers(3)).toEqual([]);
    expect(usage.label(row(8, { username: 'bob', deviceId: 2 }))).toBe('bob @ db-02');
  });

  it('refuses deactivating a device whose active credential authenticates JIT credentials, naming both', () => {
    const { usage } = usageOf([
      row(1, { username: 'admin', deviceId: 1 }),
      row(2, { username: 'ops', deviceId: 1 }),
      row(3, { username: 'alice', deviceId: 2, jit: jitUser(1) }),
    ]);
    const one = refusal(() => usage.refuseDeviceDeactivation(1, 'web-01'));
    expect(one).toMatchObject({ code: 'conflict', field: 'active' });
    expect(one.message).toBe(
      'Deactivating web-01 would deactivate admin @ web-01, the authentication credential of JIT ' +
        'credentials: alice @ db-02. Choose another authentication credential for them first. Nothing was saved.',
    );

    const { usage: two } = usageOf([
      row(1, { username: 'admin', deviceId: 1 }),
      row(2, { username: 'ops', deviceId: 1 }),
      row(3, { username: 'alice', deviceId: 2, jit: jitUser(1) }),
      row(4, { username: 'bob', deviceId: 2, jit: jitUser(2) }),
    ]);
    expect(refusal(() => two.refuseDeviceDeactivation(1, 'web-01')).message).toBe(
      'Deactivating web-01 would deactivate admin @ web-01, ops @ web-01, the authentication credentials ' +
        'of JIT credentials: alice @ db-02, bob @ db-02. Choose another authentication credential for them ' +
        'first. Nothing was saved.',
    );
  });

  it('lets a device go when its credentials authenticate no one else, or are inactive or deleted', () => {
    const { usage } = usageOf([
      row(1, { username: 'admin', deviceId: 1, status: 'Inactive' }),
      row(2, { username: 'gone', deviceId: 1, deleted: true }),
      row(3, { username: 'self', deviceId: 1, jit: jitUser(3) }),
      row(4, { deviceId: 2, jit: jitUser(1) }),
      row(5, { deviceId: 2, jit: jitUser(2) }),
    ]);
    expect(() => usage.refuseDeviceDeactivation(1, 'web-01')).not.toThrow();
    expect(() => usage.refuseDeviceDeactivation(2, 'db-02')).not.toThrow();
  });

  it('lists ten names, then a count', () => {
    const users = Array.from({ length: 12 }, (_, i) => row(10 + i, { deviceId: 2, jit: jitUser(1) }));
    const { usage } = usageOf([row(1, { username: 'admin' }), ...users]);
    expect(refusal(() => usage.refuseDeviceDeactivation(1, 'web-01')).message).toContain(
      'user19 @ db-02 and 2 more. Choose another',
    );
  });
});
