import { describe, expect, it } from 'vitest';
import { bounded, cut, listDelta, maxAuditChanges } from '../../../shared/domain/audit-changes';
import {
  credentialInputSchema,
  credentialJitSchema,
  type CredentialInput,
} from '../../../shared/domain/credential';
import { credentialChanges, credentialFieldLabels } from '../../../shared/domain/credential-changes';
import { customFieldChanges } from '../../../shared/domain/custom-field-changes';
import { deviceInputSchema } from '../../../shared/domain/device';
import { deviceChanges, deviceFieldLabels } from '../../../shared/domain/device-changes';
import { templateInputSchema } from '../../../shared/domain/template';
import { templateChanges, templateFieldLabels } from '../../../shared/domain/template-changes';

const device = deviceInputSchema.parse({
  name: 'web-01',
  address: 'a.lab',
  type: 'Server',
  connectivity: [{ protocol: 'SSH', port: 22 }],
  tags: ['prod'],
});

const credentialInput: CredentialInput = { username: 'root', type: 'Local user', deviceId: 3 };
const credential = credentialInputSchema.parse(credentialInput);
const names = {
  device: (id: number) => (id === 3 ? 'web-01' : id === 4 ? 'db-01' : undefined),
  credential: () => undefined,
  template: (id: number) => (id === 7 ? 'Enable SSH user' : undefined),
};

describe('audit before/after: every field has its form label', () => {
  it('devices', () => {
    for (const key of Object.keys(deviceInputSchema.shape)) expect(deviceFieldLabels[key], key).toBeDefined();
  });
  it('credentials, the JIT Settings one by one and the secrets', () => {
    const keys = [
      ...Object.keys(credentialInputSchema.shape),
      ...Object.keys(credentialJitSchema.shape).map((k) => `jit.${k}`),
      'password',
      'privateKey',
    ];
    for (const key of keys) expect(credentialFieldLabels[key], key).toBeDefined();
  });
  it('templates', () => {
    for (const key of Object.keys(templateInputSchema.shape))
      expect(templateFieldLabels[key], key).toBeDefined();
  });
});

describe('device changes', () => {
  it('each changed field by its label, before and after; lists as added/removed', () => {
    const after = {
      ...device,
      address: 'b.lab',
      vendor: 'Debian',
      active: false,
      tags: ['prod', 'web'],
      connectivity: [{ protocol: 'SSH' as const, port: 2222 }],
    };
    expect(deviceChanges(device, after)).toEqual([
      { field: 'address', label: 'Address', before: 'a.lab', after: 'b.lab' },
      { field: 'vendor', label: 'Vendor', before: '(empty)', after: 'Debian' },
      { field: 'tags', label: 'Tags', note: 'added web' },
      { field: 'active', label: 'Active', before: 'on', after: 'off' },
      { field: 'connectivity', label: 'Connectivity', note: 'added SSH 2222; removed SSH 22' },
    ]);
    expect(deviceChanges(device, structuredClone(device))).toEqual([]);
  });
});

describe('credential changes', () => {
  it('names the device and templates; a password and a key only "changed" or "removed"', () => {
    const after = {
      ...credential,
      username: 'admin',
      deviceId: 4,
      jit: {
        ...credential.jit,
        enabled: true,
        type: 'enable_disable' as const,
        enablePluginId: 'ssh' as const,
        enableTemplateId: 7,
      },
    };
    expect(
      credentialChanges(credential, after, names, { password: 'changed', privateKey: 'removed' }),
    ).toEqual([
      { field: 'username', label: 'Username', before: 'root', after: 'admin' },
      { field: 'deviceId', label: 'Device', before: 'web-01 (#3)', after: 'db-01 (#4)' },
      { field: 'jit.enabled', label: 'JIT enabled', before: 'off', after: 'on' },
      { field: 'jit.type', label: 'Just In Time Type', before: '(none)', after: 'Enable/Disable' },
      // The plugin by the name the pickers show, not its id.
      { field: 'jit.enablePluginId', label: 'Credential enable plugin', before: '(none)', after: 'SSH' },
      {
        field: 'jit.enableTemplateId',
        label: 'Credential enable template',
        before: '(none)',
        after: 'Enable SSH user (#7)',
      },
      { field: 'password', label: 'Password', note: 'changed' },
      { field: 'privateKey', label: 'SSH private key', note: 'removed' },
    ]);
  });
});

describe('custom field changes', () => {
  it('a text field with its values, a secret one with none', () => {
    const before = [
      { name: 'HOME', kind: 'text' as const, value: '/home/a' },
      { name: 'API_KEY', kind: 'secret' as const, value: '' },
      { name: 'OLD', kind: 'text' as const, value: 'x' },
    ];
    const after = [
      { name: 'HOME', kind: 'text' as const, value: '/home/b' },
      { name: 'API_KEY', kind: 'secret' as const, value: '' },
      { name: 'TOKEN', kind: 'secret' as const, value: '' },
      { name: 'NOTE', kind: 'text' as const, value: 'hi' },
    ];
    const changed = [
      'customFields.HOME',
      'customFields.API_KEY',
      'customFields.TOKEN',
      'customFields.NOTE',
      'customFields.OLD',
    ];
    expect(customFieldChanges(before, after, changed)).toEqual([
      { field: 'customFields.HOME', label: 'Custom field HOME', before: '/home/a', after: '/home/b' },
      { field: 'customFields.API_KEY', label: 'Custom field API_KEY', note: 'changed' },
      { field: 'customFields.TOKEN', label: 'Custom field TOKEN', note: 'added (secret)' },
      { field: 'customFields.NOTE', label: 'Custom field NOTE', note: 'added: hi' },
      { field: 'customFields.OLD', label: 'Custom field OLD', note: 'removed' },
    ]);
  });
});

describe('template changes', () => {
  it('summarises the content by versions and lines, never copies it', () => {
    const before = {
      ...templateInputSchema.parse({
        name: 'T',
        pluginId: 'ssh',
        executionType: 'Password change',
        content: 'exec "a"\nexec "b"\nexec "c"',
      }),
      version: 3,
    };
    const after = { ...before, content: 'exec "a"\nexec "B"\nexec "c"\nexec "d"', version: 4 };
    const changes = templateChanges(before, after);
    expect(changes).toEqual([{ field: 'content', label: 'Content', note: 'version 3 → 4, +2/−1 lines' }]);
    expect(JSON.stringify(changes)).not.toContain('exec');
    // The plugin by the name the form's picker shows.
    expect(templateChanges(before, { ...before, pluginId: 'postgresql' })).toEqual([
      { field: 'pluginId', label: 'Plugin', before: 'SSH', after: 'PostgreSQL' },
    ]);
  });
});

describe('bounded size', () => {
  it('cuts long values on whole code points and keeps at most maxAuditChanges fields', () => {
    const emoji = '😀'.repeat(200);
    const short = cut(emoji, 10);
    expect(Array.from(short)).toHaveLength(10);
    expect(short.endsWith('…')).toBe(true);
    expect(short).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    const long = deviceChanges(device, { ...device, site: emoji });
    expect(Array.from(long[0]?.after ?? '')).toHaveLength(120);
    const many = Array.from({ length: 100 }, (_, i) => ({ field: `f${i}`, label: `F${i}`, note: 'changed' }));
    expect(bounded(many)).toHaveLength(maxAuditChanges);
  });
  it('names at most a few items of a list', () => {
    const after = Array.from({ length: 20 }, (_, i) => `t${i}`);
    expect(listDelta([], after)).toBe('added t0, t1, t2, t3, t4, t5, t6, t7 and 12 more');
    expect(listDelta(['a', 'b'], ['b', 'a'])).toBe('reordered');
    expect(listDelta(['a'], ['a'])).toBeUndefined();
  });
});
