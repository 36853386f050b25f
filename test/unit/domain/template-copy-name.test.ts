import { describe, expect, it } from 'vitest';
import { templatesMethods } from '../../../shared/contract/templates';
import { copyName } from '../../../shared/domain/template';

describe("a clone's name", () => {
  it('is "Copy of X", then numbered, the first free one', () => {
    expect(copyName('Linux: create', [])).toBe('Copy of Linux: create');
    expect(copyName('Linux: create', ['copy of linux: create '])).toBe('Copy of Linux: create (2)');
  });

  it('cut to 128 units never ends in half a character outside the BMP (review 37)', () => {
    const source = `A${'😀'.repeat(127)}`;
    for (const name of [copyName(source, []), copyName(source, [copyName(source, [])])]) {
      expect(name.length).toBeLessThanOrEqual(128);
      // A lone half would turn into U+FFFD through an encode.
      expect(new TextDecoder().decode(new TextEncoder().encode(name))).toBe(name);
    }
  });

  it('given by hand, follows the rule of a saved name: no control character, no bidi override', () => {
    const input = templatesMethods['templates.clone'].input;
    expect(input.safeParse({ id: 9, name: 'line1\nline2' }).success).toBe(false);
    expect(input.safeParse({ id: 9, name: 'evil\u202Egpj.exe' }).success).toBe(false);
    expect(input.safeParse({ id: 9, name: '\ud800half' }).success).toBe(false);
    expect(input.parse({ id: 9, name: '  My copy  ' })).toEqual({ id: 9, name: 'My copy' });
  });
});
