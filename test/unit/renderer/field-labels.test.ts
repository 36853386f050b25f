import { describe, expect, it } from 'vitest';
import { fieldLabel, fieldLabels } from '../../../renderer/features/common/field-labels';
import { credentialInputSchema, credentialJitSchema } from '../../../shared/domain/credential';
import { deviceInputSchema } from '../../../shared/domain/device';
import { templateInputSchema } from '../../../shared/domain/template';

describe('audit field labels', () => {
  it('names credential fields as the Credential form labels them', () => {
    expect(
      fieldLabels('credential', ['jit.enablePluginId', 'jit.authCredentialId', 'additionalInfo', 'password']),
    ).toEqual([
      'Credential enable plugin',
      'Authentication credential',
      'Additional information',
      'Password',
    ]);
  });

  it('has a label for every field the core can name in an audit entry', () => {
    const keys = {
      credential: [
        ...Object.keys(credentialInputSchema.shape),
        ...Object.keys(credentialJitSchema.shape).map((k) => `jit.${k}`),
        'password',
        'deleted',
      ],
      device: Object.keys(deviceInputSchema.shape),
      template: Object.keys(templateInputSchema.shape),
    } as const;
    for (const [entity, fields] of Object.entries(keys) as [keyof typeof keys, readonly string[]][]) {
      for (const key of fields) expect(fieldLabel(entity, key), `${entity}.${key}`).not.toBe(key);
    }
  });

  it('labels by entity: a type is a credential type or a device type', () => {
    expect(fieldLabel('credential', 'type')).toBe('Credential type');
    expect(fieldLabel('device', 'type')).toBe('Type');
  });

  it('shows an unknown key as it is', () => {
    expect(fieldLabel('credential', 'something.new')).toBe('something.new');
    expect(fieldLabel('credential', 'constructor')).toBe('constructor');
    expect(fieldLabel('vault', 'state')).toBe('state');
  });
});

describe('settings fields in the audit', () => {
  it('reads as the Settings form labels them', () => {
    expect(fieldLabels('settings', ['jit.usernamePrefix', 'security.autoLockMinutes'])).toEqual([
      'Username prefix',
      'Lock the vault after idle (minutes)',
    ]);
  });
});
