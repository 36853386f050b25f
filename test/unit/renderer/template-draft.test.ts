import { describe, expect, it } from 'vitest';
import {
  cloneDraft,
  emptyDraft,
  fromDraft,
  isDirty,
  sameDraft,
  slotFor,
  toDraft,
} from '../../../renderer/features/templates/template-draft';
import { aTemplate } from './fixtures';

describe('template draft', () => {
  it('round-trips a stored template: unchanged, it is not dirty', () => {
    const template = aTemplate();
    expect(isDirty(toDraft(template), template)).toBe(false);
    expect(isDirty({ ...toDraft(template), description: 'changed' }, template)).toBe(true);
  });

  it('compares every field', () => {
    const draft = emptyDraft();
    expect(sameDraft(draft, emptyDraft())).toBe(true);
    expect(sameDraft(draft, { ...draft, active: false })).toBe(false);
    expect(sameDraft(draft, { ...draft, content: 'x' })).toBe(false);
  });

  it('turns a valid draft into the contract’s input', () => {
    const result = fromDraft({ ...emptyDraft(), name: 'Create', content: 'useradd [#USERNAME#]' });
    expect(result).toMatchObject({
      ok: true,
      template: { name: 'Create', pluginId: 'ssh', content: 'useradd [#USERNAME#]' },
    });
  });

  it('puts each error beside its field: a missing name, a malformed tag in the content', () => {
    const result = fromDraft({ ...emptyDraft(), name: '', content: 'echo [#nope#]' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.name).toBeDefined();
    expect(result.errors.content).toMatch(/^Line 1, column 6: /);
    expect(result.errors.form).toBeUndefined();
  });

  it('maps a path to its field, anything else to the form', () => {
    expect(slotFor('content')).toBe('content');
    expect(slotFor('name.0')).toBe('name');
    expect(slotFor('id')).toBe('form');
    expect(slotFor(undefined)).toBe('form');
  });

  it('a clone is the editor’s text under the first free "Copy of" name of its plugin', () => {
    const draft = { ...emptyDraft(), name: 'Create', content: 'useradd [#USERNAME#]' };
    const others = [
      { name: 'copy of create', pluginId: 'ssh' as const },
      { name: 'Copy of Create (2)', pluginId: 'postgresql' as const },
    ];
    expect(cloneDraft(draft, 'Create', others)).toEqual({ ...draft, name: 'Copy of Create (2)' });
    expect(cloneDraft(draft, 'Create', [])).toEqual({ ...draft, name: 'Copy of Create' });
  });
});
