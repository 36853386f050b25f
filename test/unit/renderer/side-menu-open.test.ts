import { describe, expect, it } from 'vitest';
import { sideMenuOpenFor } from '../../../renderer/layout/use-side-menu-open';

describe('the side menu on narrow and wide windows', () => {
  it('follows the remembered choice on a wide window', () => {
    expect(sideMenuOpenFor(false, true, undefined)).toBe(true);
    expect(sideMenuOpenFor(false, false, true)).toBe(false);
  });

  it('folds by itself on a narrow window until the user opens it there', () => {
    expect(sideMenuOpenFor(true, true, undefined)).toBe(false);
    expect(sideMenuOpenFor(true, true, true)).toBe(true);
    expect(sideMenuOpenFor(true, false, true)).toBe(true);
  });
});
