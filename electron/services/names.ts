/** Names sort and compare as people expect (shared/domain/names.ts: the renderer does the same). */
export { compareNames, cutUnits, nameKey } from '../../shared/domain/names';
