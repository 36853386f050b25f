import { describe, expect, it } from 'vitest';
import { changedFields } from '../../../electron/services/changed-fields';

describe('changedFields', () => {
  const before = {
    name: 'a',
    tags: ['x'],
    conn: [{ protocol: 'SSH', port: 22 }],
    jit: { enabled: false, type: null },
  };

  it('names top-level fields that changed, nested ones by sub-field', () => {
    const after = { ...before, tags: ['x', 'y'], jit: { enabled: true, type: null } };
    expect(changedFields(before, after, ['name', 'tags', 'conn', 'jit'], ['jit'])).toEqual([
      'tags',
      'jit.enabled',
    ]);
  });

  it('ignores the order of object keys, not the order of array items', () => {
    const after = { ...before, conn: [{ port: 22, protocol: 'SSH' }], jit: { type: null, enabled: false } };
    expect(changedFields(before, after, ['name', 'tags', 'conn', 'jit'], ['jit'])).toEqual([]);
    expect(changedFields(before, { ...before, tags: ['y', 'x'] }, ['tags'])).toEqual(['tags']);
  });
});
