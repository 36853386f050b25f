import { describe, expect, it } from 'vitest';
import { lineDiff } from '../../../shared/domain/line-diff';

const signs = (before: string, after: string): string[] =>
  lineDiff(before, after).map((d) => `${d.kind === 'same' ? ' ' : d.kind === 'added' ? '+' : '-'}${d.text}`);

describe('lineDiff', () => {
  it('keeps common lines and marks a changed line as removed then added', () => {
    expect(signs('expect\nexec "id"\nend', 'expect\nexec "id -u"\nend')).toEqual([
      ' expect',
      '-exec "id"',
      '+exec "id -u"',
      ' end',
    ]);
  });

  it('finds the longest common run of lines inside a change', () => {
    expect(signs('a\nb\nc\nd', 'b\nx\nd\ne')).toEqual(['-a', ' b', '-c', '+x', ' d', '+e']);
  });

  it('says nothing changed for equal texts, and everything for disjoint ones', () => {
    expect(signs('a\nb', 'a\nb')).toEqual([' a', ' b']);
    expect(signs('a', 'b')).toEqual(['-a', '+b']);
  });

  it('diffs 2,000 lines against 2,000 with every line changed', () => {
    const before = Array.from({ length: 2000 }, (_, i) => `old ${i}`).join('\n');
    const after = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? `old ${i}` : `new ${i}`)).join('\n');
    const diff = lineDiff(before, after);
    expect(diff.filter((d) => d.kind === 'same')).toHaveLength(1000);
    expect(diff.filter((d) => d.kind === 'added')).toHaveLength(1000);
    expect(diff.filter((d) => d.kind === 'removed')).toHaveLength(1000);
  });
});
