/** The bounds of what a console keeps of one result (electron/sessions/sql-console-driver.ts). */
import { describe, expect, it } from 'vitest';
import { cutMarker, RowCollector } from '../../../electron/sessions/sql-console-driver';
import { sqlConsoleCellLimit, sqlConsoleResultTextBudget } from '../../../shared/contract/sql-console';

describe('RowCollector', () => {
  it('cuts a cell above 64 KiB of text with a marker saying how much was cut; NULL and short cells stay', () => {
    const rows = new RowCollector(1000);
    rows.add(['x'.repeat(sqlConsoleCellLimit + 10), null, 'short']);
    const [cell, empty, short] = rows.rows[0] ?? [];
    expect(cell).toBe('x'.repeat(sqlConsoleCellLimit) + cutMarker(10));
    expect(cell).toMatch(/… \(cut: 10 more characters\)$/);
    expect(empty).toBeNull();
    expect(short).toBe('short');
    expect(rows.truncated).toBe(false);
  });

  it('keeps at most 8 MiB of cell text per result, then counts rows without keeping them (truncated)', () => {
    const rows = new RowCollector(1000);
    const big = 'y'.repeat(1_000_000);
    for (let i = 0; i < 1000; i++) rows.add([big]);
    // Each kept cell is cut to the cell limit; the budget then holds 128 of them.
    const kept = Math.floor(sqlConsoleResultTextBudget / (sqlConsoleCellLimit + cutMarker(1).length + 4));
    expect(rows.rows.length).toBeLessThanOrEqual(sqlConsoleResultTextBudget / sqlConsoleCellLimit);
    expect(rows.rows.length).toBeGreaterThanOrEqual(kept - 1);
    expect(rows.count).toBe(1000);
    expect(rows.truncated).toBe(true);
    expect(rows.keeping).toBe(false);
    const text = rows.rows.flat().reduce((sum, cell) => sum + (cell?.length ?? 0), 0);
    expect(text).toBeLessThanOrEqual(sqlConsoleResultTextBudget);
  });

  it('keeps only a prefix: once a row does not fit, a later small row is not kept either', () => {
    const rows = new RowCollector(1000, 100, 250);
    rows.add(['a'.repeat(100)]);
    rows.add(['b'.repeat(100)]);
    rows.add(['c'.repeat(100)]);
    rows.add(['d']);
    expect(rows.rows).toEqual([['a'.repeat(100)], ['b'.repeat(100)]]);
    expect(rows.count).toBe(4);
    expect(rows.truncated).toBe(true);
  });

  it('still keeps the first `limit` rows and counts the rest', () => {
    const rows = new RowCollector(2);
    for (const v of ['1', '2', '3']) {
      if (rows.keeping) rows.add([v]);
      else rows.countUnkept();
    }
    expect(rows.rows).toEqual([['1'], ['2']]);
    expect(rows.count).toBe(3);
    expect(rows.truncated).toBe(true);
  });
});
