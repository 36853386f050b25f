/** Names sort as people expect (see shared/domain/names.ts: the renderer sorts the same way). */
export { compareNames } from '../../shared/domain/names';

/** Name uniqueness ignores case: "Web-01" and "web-01" would be indistinguishable in a list. */
export const nameKey = (name: string): string => name.trim().toLowerCase();
