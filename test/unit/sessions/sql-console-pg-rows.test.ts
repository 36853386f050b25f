/** A multi-statement PostgreSQL text keeps only the latest result's rows (sql-console-pg.ts). */
import { expect, it } from 'vitest';
import { LatestRows } from '../../../electron/sessions/sql-console-pg';

it('drops the rows of earlier results as soon as a later result returns rows', () => {
  const rows = new LatestRows(1000);
  const first = {};
  const second = {};
  for (let i = 0; i < 1000; i++) rows.add(first, [String(i)]);
  rows.add(second, ['a']);
  rows.add(second, ['b']);
  expect(rows.held).toBe(1);
  expect(rows.of(first).rows).toEqual([]);
  expect(rows.of(second).rows).toEqual([['a'], ['b']]);
  expect(rows.of(second).count).toBe(2);
  // A last result with columns but no rows shows none (not the earlier result's).
  expect(rows.of({}).rows).toEqual([]);
});
