import { describe, expect, it } from 'vitest';
import {
  jitExecutionTypes,
  jitPairOf,
  jitPairs,
  jitPartnerType,
  jitTypeOfExecution,
  opensSession,
} from '../../../shared/domain/jit';
import { executionTypes } from '../../../shared/domain/template';

describe('JIT pairs (shared/domain/jit.ts)', () => {
  it('pairs New user with User delete, and Credential enable with Credential disable, in that order', () => {
    expect(jitPairOf('New user', 'User delete')).toBe('create_delete');
    expect(jitPairOf('Credential enable', 'Credential disable')).toBe('enable_disable');
    expect(jitPairOf('User delete', 'New user')).toBeUndefined();
    expect(jitPairOf('New user', 'Credential disable')).toBeUndefined();
    expect(jitPairOf('Password change', 'User delete')).toBeUndefined();
  });

  it('names each half the other, the opening half first, and nothing outside the pairs', () => {
    const partners = Object.fromEntries(executionTypes.map((t) => [t, jitPartnerType(t)]));
    expect(partners).toMatchObject({
      'New user': 'User delete',
      'User delete': 'New user',
      'Credential enable': 'Credential disable',
      'Credential disable': 'Credential enable',
    });
    expect(executionTypes.filter(opensSession)).toEqual(['Credential enable', 'New user']);
    const outside = executionTypes.filter((t) => jitTypeOfExecution(t) === undefined);
    for (const t of outside) expect(jitPartnerType(t)).toBeUndefined();
    expect(outside).not.toContain('New user');
  });

  it('maps each type to its directions and each direction to its execution type', () => {
    expect(jitPairs).toEqual({
      enable_disable: { provision: 'enable', cleanup: 'disable' },
      create_delete: { provision: 'create', cleanup: 'delete' },
    });
    expect(jitExecutionTypes.delete).toBe('User delete');
    expect(jitTypeOfExecution('Credential disable')).toBe('enable_disable');
    expect(jitTypeOfExecution('User delete')).toBe('create_delete');
  });
});
