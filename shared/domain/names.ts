/**
 * How names sort, on both sides: the core orders its lists with it, and the renderer places a
 * saved record with it before the refetched list arrives, so the row does not jump when it does.
 */

/** Names sort as people expect: case-insensitive, digits by value (web-2 before web-10). */
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
export const compareNames = (a: string, b: string): number => collator.compare(a, b);

/** The core's list order: by name, then by id (names may differ only in case). */
export const byNameThenId = (a: { name: string; id: number }, b: { name: string; id: number }): number =>
  compareNames(a.name, b.name) || a.id - b.id;
