import { describe, expect, it } from 'vitest';
import { importSummary } from '../../../renderer/features/transfer/import-summary';

const applied = {
  applied: true as const,
  devices: 1,
  templates: 2,
  credentials: 3,
  secretFields: 0,
  secretFieldsLeftOut: [],
  skipped: [],
  renamed: [],
};

describe('importSummary: what an applied import tells the user', () => {
  it('counts the passwords and SSH keys stored in the vault, and says nothing of secrets when none', () => {
    expect(importSummary({ ...applied, passwords: 2, keys: 1, keysLeftOut: [] })).toEqual({
      done: 'Imported 1 device, 2 templates and 3 credentials. 2 passwords and 1 SSH key stored in the vault.',
      keysLeftOut: null,
      secretFieldsLeftOut: null,
    });
    expect(importSummary({ ...applied, passwords: 0, keys: 0, keysLeftOut: [] }).done).toBe(
      'Imported 1 device, 2 templates and 3 credentials.',
    );
  });

  it('names each credential whose key an export without secrets left out, to add by hand', () => {
    expect(
      importSummary({ ...applied, passwords: 0, keys: 0, keysLeftOut: ['root @ web-01'] }).keysLeftOut,
    ).toBe(
      'The SSH key of root @ web-01 was not in the bundle (exported without passwords and SSH keys): add it by hand in the credential form.',
    );
    const many = Array.from({ length: 12 }, (_, i) => `u${i} @ web-01`);
    expect(importSummary({ ...applied, passwords: 0, keys: 0, keysLeftOut: many }).keysLeftOut).toBe(
      `The SSH keys of ${many.slice(0, 10).join(', ')} and 2 more were not in the bundle (exported without passwords and SSH keys): add them by hand in the credential form.`,
    );
  });

  it('counts the secret custom fields stored, and names each one an export without secrets left out', () => {
    expect(importSummary({ ...applied, passwords: 1, keys: 0, keysLeftOut: [], secretFields: 2 }).done).toBe(
      'Imported 1 device, 2 templates and 3 credentials. 1 password, 0 SSH keys and 2 secret custom fields stored in the vault.',
    );
    const summary = importSummary({
      ...applied,
      passwords: 0,
      keys: 0,
      keysLeftOut: [],
      secretFieldsLeftOut: ['API_KEY of web-01'],
    });
    expect(summary.done).toBe('Imported 1 device, 2 templates and 3 credentials.');
    expect(summary.secretFieldsLeftOut).toBe(
      'The secret custom field API_KEY of web-01 was not in the bundle (exported without passwords and SSH keys): it was imported empty; set it by hand in the device or credential form.',
    );
    const two = ['API_KEY of web-01', 'TOKEN of root @ web-01'];
    expect(
      importSummary({ ...applied, passwords: 0, keys: 0, keysLeftOut: [], secretFieldsLeftOut: two })
        .secretFieldsLeftOut,
    ).toBe(
      'The secret custom fields API_KEY of web-01, TOKEN of root @ web-01 were not in the bundle (exported without passwords and SSH keys): they were imported empty; set them by hand in the device or credential form.',
    );
  });
});
