import { describe, expect, it } from 'vitest';
import {
  endpointText,
  leftAccount,
  loginLabel,
  partnerCandidates,
  partnerTypeOf,
  removalCandidates,
  roundTripOrder,
  slotForField,
  usableLogins,
} from '../../../renderer/features/templates/test-on-device';
import { aDevice, aLogin, aTemplate } from './fixtures';

describe('Test on a device: round-trip partners', () => {
  it('pairs each JIT half with the other, and nothing else', () => {
    expect(partnerTypeOf({ executionType: 'New user' })).toBe('User delete');
    expect(partnerTypeOf({ executionType: 'User delete' })).toBe('New user');
    expect(partnerTypeOf({ executionType: 'Credential enable' })).toBe('Credential disable');
    expect(partnerTypeOf({ executionType: 'Credential disable' })).toBe('Credential enable');
    expect(partnerTypeOf({ executionType: 'Password change' })).toBeUndefined();
  });

  it('offers the same plugin’s other half: active first, then the same origin, then by name', () => {
    const create = aTemplate({ id: 1, executionType: 'New user', builtIn: false });
    const templates = [
      create,
      aTemplate({ id: 2, name: 'del-10', executionType: 'User delete' }),
      aTemplate({ id: 3, name: 'del-2', executionType: 'User delete' }),
      aTemplate({ id: 4, name: 'builtin', executionType: 'User delete', builtIn: true }),
      aTemplate({ id: 5, name: 'inactive', executionType: 'User delete', active: false }),
      aTemplate({ id: 6, name: 'other plugin', executionType: 'User delete', pluginId: 'postgresql' }),
      aTemplate({ id: 7, name: 'same type', executionType: 'New user' }),
    ];
    expect(partnerCandidates(create, templates).map((t) => t.id)).toEqual([3, 2, 4, 5]);
  });

  it('offers no partner outside the JIT pairs', () => {
    const change = aTemplate({ id: 1, executionType: 'Password change' });
    expect(partnerCandidates(change, [change, aTemplate({ id: 2, executionType: 'User delete' })])).toEqual(
      [],
    );
  });

  it('runs the creation (or enable) half first, whichever one is open', () => {
    const create = aTemplate({ id: 1, executionType: 'New user' });
    const remove = aTemplate({ id: 2, executionType: 'User delete' });
    expect(roundTripOrder(create, remove)).toEqual({ first: create, second: remove });
    expect(roundTripOrder(remove, create)).toEqual({ first: create, second: remove });
    const disable = aTemplate({ id: 3, executionType: 'Credential disable' });
    const enable = aTemplate({ id: 4, executionType: 'Credential enable' });
    expect(roundTripOrder(disable, enable)).toEqual({ first: enable, second: disable });
  });
});

describe('Test on a device: Run as', () => {
  it('offers only active, not deleted credentials with a password or an SSH key, by label', () => {
    const logins = [
      aLogin({ id: 1, username: 'web-10' }),
      aLogin({ id: 2, username: 'web-2' }),
      aLogin({ id: 3, username: 'inactive', status: 'Inactive' }),
      aLogin({ id: 4, username: 'deleted', deleted: true }),
      aLogin({ id: 5, username: 'no password', hasPassword: false }),
      aLogin({ id: 6, username: 'web-3 key only', hasPassword: false, hasKey: true }),
    ];
    expect(usableLogins(logins).map((l) => l.id)).toEqual([2, 6, 1]);
  });

  it('labels a credential `user @ device`', () => {
    expect(loginLabel({ username: 'root', deviceName: 'db-1' })).toBe('root @ db-1');
  });
});

describe('Test on a device: where the run connects', () => {
  it('names the device’s port for the plugin’s protocol', () => {
    const device = aDevice({ address: '10.0.0.5', connectivity: [{ protocol: 'SSH', port: 2222 }] });
    expect(endpointText(device, 'ssh')).toBe('Connects to 10.0.0.5:2222 (SSH)');
  });

  it('says when it falls back to the usual port', () => {
    const device = aDevice({ address: '10.0.0.5', connectivity: [] });
    expect(endpointText(device, 'ssh')).toBe(
      'Connects to 10.0.0.5:22 (the usual SSH port: the device lists none)',
    );
  });
});

describe('Test on a device: a core failure beside its control', () => {
  it.each([
    ['deviceId', 'deviceId'],
    ['login.credentialId', 'credentialId'],
    ['username', 'username'],
    ['additionalInfo', 'additionalInfo'],
    ['firstTemplateId', 'partnerId'],
    ['secondTemplateId', 'partnerId'],
    ['templateId', 'form'],
    [undefined, 'form'],
  ] as const)('%s shows at %s', (field, slot) => {
    expect(slotForField(field)).toBe(slot);
  });
});

describe('removalCandidates', () => {
  const templates = [
    aTemplate({ id: 2, name: 'del-b', executionType: 'User delete' }),
    aTemplate({ id: 3, name: 'del-a', executionType: 'User delete', active: false }),
    aTemplate({ id: 4, name: 'pg-del', executionType: 'User delete', pluginId: 'postgresql' }),
    aTemplate({ id: 5, name: 'built-in del', executionType: 'User delete', builtIn: true }),
  ];
  const created = { executionType: 'New user' as const, pluginId: 'ssh' as const, builtIn: false };
  const done = { status: 'Successful', kind: 'test' };

  it('offers the plugin’s deletion templates after a successful creation test, likeliest first', () => {
    expect(removalCandidates(created, done, templates).map((t) => t.id)).toEqual([2, 5, 3]);
  });

  it('says an account was left only after a successful single test of a creation template', () => {
    expect(leftAccount(created, done)).toBe(true);
    // The deletion run the note offers is a test too: its result must not say the account is there.
    expect(leftAccount({ executionType: 'User delete' }, done)).toBe(false);
    expect(leftAccount({ executionType: 'Credential enable' }, done)).toBe(false);
    expect(leftAccount(created, { ...done, status: 'Error' })).toBe(false);
    expect(leftAccount(created, { ...done, kind: 'round_trip' })).toBe(false);
  });

  it('offers nothing after a failed run, or a run of another type', () => {
    expect(removalCandidates(created, { ...done, status: 'Error' }, templates)).toEqual([]);
    expect(removalCandidates({ ...created, executionType: 'User delete' }, done, templates)).toEqual([]);
  });
});
