/** Names sort as people expect: case-insensitive, digits by value (web-2 before web-10). */
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
export const compareNames = (a: string, b: string): number => collator.compare(a, b);

/** Name uniqueness ignores case: "Web-01" and "web-01" would be indistinguishable in a list. */
export const nameKey = (name: string): string => name.trim().toLowerCase();
