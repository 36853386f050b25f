import { secretTagNames, type TagValues } from '../plugin-runtime';
import { isUserTagName, tagNames, tagPattern } from '../../../shared/domain/template-tags';

/** One well-formed `[#NAME#]` in a text, by offsets (end exclusive). */
export interface TagOccurrence {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Every well-formed tag between `from` and `to`, built-in or user-defined: a tag without a value is
 * refused when it is filled (values.ts). Malformed look-alikes are not returned here.
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

/** A tag a template may use: a built-in one, or a user-defined one (filled from custom fields). */
export const isKnownTag = (name: string): boolean => tagNames.has(name) || isUserTagName(name);

/**
 * Which user-defined tags of a run are secret. Kept on the tag values themselves, under a symbol,
 * so that it travels wherever the values go (object spread copies symbol keys) without becoming a
 * tag: `Object.entries` and `Object.hasOwn(tags, NAME)` never see it.
 */
const secretUserTags = Symbol('secret user-defined tags');
interface SecretMark {
  readonly [secretUserTags]?: ReadonlySet<string>;
}

/** The secret user-defined tag names marked on `tags` (the symbol is not part of TagValues' type). */
function markedSecret(tags: TagValues | undefined): ReadonlySet<string> | undefined {
  const view: SecretMark | undefined = tags;
  return view?.[secretUserTags];
}

/**
 * The tag values with `secretNames` marked secret: masked in every log like a password. A
 * built-in tag's secrecy is fixed (plugin-runtime.ts) and cannot be changed here.
 */
export function withSecretTags(tags: TagValues, secretNames: Iterable<string>): TagValues {
  const marked = new Set(markedSecret(tags));
  for (const name of secretNames) if (isUserTagName(name)) marked.add(name);
  const values: TagValues & SecretMark = { ...tags, [secretUserTags]: marked };
  return values;
}

/**
 * Whether a tag's value is secret: a built-in secret tag, or a user-defined tag marked secret on
 * `tags` (see withSecretTags). Callers that render a value pass the run's tags.
 */
export const isSecretTag = (name: string, tags?: TagValues): boolean =>
  secretTagNames.includes(name) || (markedSecret(tags)?.has(name) ?? false);

/** `[#NAME#]`, for messages: tag names are never secret, values may be. */
export const tagText = (name: string): string => `[#${name}#]`;
