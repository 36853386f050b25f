import { describe, expect, it } from 'vitest';
import { importSummary } from '../../../renderer/features/transfer/import-summary';

const applied = {
  applied: true as const,
  devices: 1,
  templates: 2,
  credentials: 3,
  skipped: [],
  renamed: [],
};

describe('importSummary: what an applied import tells the user', () => {
  it('counts the passwords and SSH keys stored in the vault, and says nothing of secrets when none', () => {
    expect(importSummary({ ...applied, passwords: 2, keys: 1, keysLeftOut: [] })).toEqual({
      done: 'Imported 1 device, 2 templates and 3 credentials. 2 passwords and 1 SSH key stored in the vault.',
      keysLeftOut: null,
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
});
