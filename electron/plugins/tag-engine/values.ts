import type { TagValues } from '../plugin-runtime';
import { Refusal } from './refusal';
import { tagText, type TagOccurrence } from './tags';
import type { TextPosition } from './positions';

/** A lone UTF-16 surrogate: it would reach the target as U+FFFD, a different value. */
const loneSurrogate = /\p{Cs}/u;

/**
 * The value of a tag occurrence. A tag without a value (or with an empty one) is an error, never
 * an empty string. A value with NUL is refused everywhere (C strings, protocols and terminals
 * would cut or misread it), and so is one that is not valid Unicode (it would not arrive as given).
 */
export function tagValue(tags: TagValues, occurrence: TagOccurrence, at: TextPosition): string {
  const value = Object.hasOwn(tags, occurrence.name) ? tags[occurrence.name] : undefined;
  const tag = tagText(occurrence.name);
  if (value === undefined) throw new Refusal(`No value for ${tag}`, at.line, at.column);
  // An empty value is as good as none: '' names MySQL's anonymous account, an empty DN part
  // moves an entry, an empty password is no password.
  if (value === '') throw new Refusal(`The value of ${tag} is empty`, at.line, at.column);
  if (value.includes('\u0000')) {
    throw new Refusal(`The value of ${tag} contains a NUL character`, at.line, at.column);
  }
  if (loneSurrogate.test(value)) {
    throw new Refusal(`The value of ${tag} is not valid Unicode (a lone surrogate)`, at.line, at.column);
  }
  return value;
}
