import { describe, expect, it } from 'vitest';
import { mergeProblems, offsetOf } from '../../../renderer/features/templates/template-problems';

describe('template problems', () => {
  it('lists each problem once, in line order, whichever check found it', () => {
    const tag = { line: 2, column: 5, message: 'Malformed tag [#user#]' };
    const syntax = { line: 1, column: 1, message: 'Unknown command "x"' };
    expect(mergeProblems([tag], [syntax, { ...tag }])).toEqual([syntax, tag]);
  });

  it('finds where a line and column start, kept inside the text', () => {
    const text = 'ab\ncde\n\nf';
    expect(offsetOf(text, 1, 1)).toBe(0);
    expect(offsetOf(text, 2, 2)).toBe(4);
    expect(offsetOf(text, 2, 99)).toBe(6);
    expect(offsetOf(text, 4, 1)).toBe(8);
    expect(offsetOf(text, 9, 1)).toBe(text.length);
  });
});
