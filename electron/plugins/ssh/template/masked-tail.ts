import type { Masker } from '../../tag-engine';

/** The end of `text`, masked first: cutting first could leave half a secret readable. */
export function maskedTail(masker: Masker, text: string, chars: number): string {
  const masked = masker.mask(text);
  return masked.length > chars ? masked.slice(-chars) : masked;
}
