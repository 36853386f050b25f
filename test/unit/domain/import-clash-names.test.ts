/**
 * A proposed new name (Rename, Rename all) cut to the forms' 128 characters keeps whole
 * characters: a cut inside a surrogate pair left a lone surrogate that the name rule accepts.
 */
import { describe, expect, it } from 'vitest';
import { freeName, renameProblem } from '../../../shared/domain/import-clash';

describe('freeName at the length limit', () => {
  it('never splits a surrogate pair', () => {
    // 123 + 2 + 3 = 128 UTF-16 units; " (2)" leaves 124, which would end inside the emoji.
    const name = `${'a'.repeat(123)}😀bbb`;
    const proposed = freeName(name, new Set([name.toLowerCase()]));
    expect(proposed).toBe(`${'a'.repeat(123)} (2)`);
    expect(/\p{Cs}/u.test(proposed)).toBe(false);
    expect(renameProblem('device', proposed, new Set())).toBeUndefined();
  });

  it('keeps a pair the cut does not split', () => {
    const name = `${'a'.repeat(122)}😀bbbb`;
    expect(freeName(name, new Set())).toBe(`${'a'.repeat(122)}😀 (2)`);
  });
});
