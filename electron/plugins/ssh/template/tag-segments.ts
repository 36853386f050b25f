/** A string argument split into literal text and `[#TAG#]` references. */
import { tagPattern } from '../../../../shared/domain/template-tags';

export type Segment =
  | { readonly kind: 'text'; readonly text: string; readonly start: number }
  | { readonly kind: 'tag'; readonly name: string; readonly start: number };

export function splitTags(text: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  // A fresh regex: the shared one is global and keeps lastIndex between callers.
  for (const match of text.matchAll(new RegExp(tagPattern.source, 'g'))) {
    const start = match.index;
    if (start > last) segments.push({ kind: 'text', text: text.slice(last, start), start: last });
    segments.push({ kind: 'tag', name: match[1] ?? '', start });
    last = start + match[0].length;
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last), start: last });
  return segments;
}
