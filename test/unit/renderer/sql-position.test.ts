import { describe, expect, it } from 'vitest';
import { lineAndColumn } from '../../../renderer/features/sessions/sql-console/sql-position';

describe('lineAndColumn', () => {
  it.each([
    ['selec 1', 1, { line: 1, column: 1 }],
    ['select 1;\nselec current_user', 11, { line: 2, column: 1 }],
    ['select\n  1 +', 13, { line: 2, column: 6 }],
  ])('%j at %i', (text, position, expected) => {
    expect(lineAndColumn(text, position)).toEqual(expected);
  });
});
