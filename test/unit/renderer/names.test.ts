import { describe, expect, it } from 'vitest';
import { byNameThenId, compareNames } from '../../../shared/domain/names';

describe('name order (shared by the core and the renderer)', () => {
  it('sorts digits by value: web-2 before web-10', () => {
    expect(['web-10', 'web-2', 'web-1'].sort(compareNames)).toEqual(['web-1', 'web-2', 'web-10']);
  });

  it('ignores case', () => {
    expect(compareNames('Web-01', 'web-01')).toBe(0);
    expect(['b', 'A', 'c'].sort(compareNames)).toEqual(['A', 'b', 'c']);
  });

  it('breaks ties by id, as the core lists them', () => {
    const rows = [
      { id: 3, name: 'web' },
      { id: 1, name: 'Web' },
      { id: 2, name: 'app-10' },
      { id: 4, name: 'app-9' },
    ];
    expect([...rows].sort(byNameThenId).map((r) => r.id)).toEqual([4, 2, 1, 3]);
  });
});
