import { secretTagNames } from '../plugin-runtime';
import { tagNames, tagPattern } from '../../../shared/domain/template-tags';

/** One well-formed `[#NAME#]` in a text, by offsets (end exclusive). */
export interface TagOccurrence {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Every well-formed tag between `from` and `to`, known or not: callers decide what an unknown one
 * means (it is always an error: see `tagProblems`). Malformed look-alikes are not returned here.
 */
export function locateTags(text: string, from = 0, to = text.length): TagOccurrence[] {
  // A fresh copy: the shared pattern is global, and its lastIndex must not leak between callers.
  const pattern = new RegExp(tagPattern.source, 'g');
  const slice = text.slice(from, to);
  return [...slice.matchAll(pattern)].map((match) => ({
    name: match[1] ?? '',
    start: from + match.index,
    end: from + match.index + match[0].length,
  }));
}

export const isKnownTag = (name: string): boolean => tagNames.has(name);

export const isSecretTag = (name: string): boolean => secretTagNames.includes(name);

/** `[#NAME#]`, for messages: tag names are never secret, values may be. */
export const tagText = (name: string): string => `[#${name}#]`;
