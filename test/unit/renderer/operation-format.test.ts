import { describe, expect, it } from 'vitest';
import { templateLabel } from '../../../renderer/features/operations/operation-format';

describe('templateLabel: how Operations, a session and a test name the template that ran', () => {
  it('a saved version by its number', () => {
    expect(templateLabel({ templateName: 'Linux: create', templateVersion: 3 })).toBe('Linux: create v3');
  });

  it("a test of the editor's unsaved text as a draft (it carries the text it ran)", () => {
    expect(
      templateLabel({
        templateName: 'Copy of Linux: create',
        templateVersion: null,
        templateContent: 'exec "id"',
      }),
    ).toBe('Copy of Linux: create (draft)');
    // An empty draft is still a draft.
    expect(templateLabel({ templateName: 'New', templateVersion: null, templateContent: '' })).toBe(
      'New (draft)',
    );
  });

  it('an older record with neither a version nor a text by its name alone', () => {
    expect(templateLabel({ templateName: 'Ad hoc', templateVersion: null })).toBe('Ad hoc');
  });
});
