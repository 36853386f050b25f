import { pairSafeCut } from './text-rules';

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

/** Name uniqueness ignores case: "Web-01" and "web-01" would be indistinguishable in a list. */
export const nameKey = (name: string): string => name.trim().toLowerCase();

/**
 * The first `max` UTF-16 units of `text` (the unit the forms' length limits count), less the first
 * half of a surrogate pair the cut would split: a name made to fit never ends in half a character.
 */
export function cutUnits(text: string, max: number): string {
  return text.slice(0, pairSafeCut(text, Math.min(max, text.length)));
}
