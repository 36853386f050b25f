import { LineIndex, locateTags, Refusal, tagText, type TagOccurrence } from '../tag-engine';
import type { TemplateText } from './template-parser';

/**
 * Where a tag stands, which decides how its value is written:
 * - dn-value: inside an RDN value (uid=[#USERNAME#]): RFC 4514 escaping;
 * - dn-suffix: a whole run of RDNs (…,[#DOMAIN#]): the value must itself be a valid DN;
 * - bind-name: the whole argument of bind: a DN or a name the server maps (user@domain), as given;
 * - filter-value: inside a filter's assertion value: RFC 4515 escaping;
 * - attribute-value: an attribute line or mod-* value: the value as it is, on one line.
 */
export type LdapContext = 'dn-value' | 'dn-suffix' | 'bind-name' | 'filter-value' | 'attribute-value';

export type Resolve = (tag: TagOccurrence, context: LdapContext) => string;

function refuseAt(lines: LineIndex, tag: TagOccurrence, message: string): Refusal {
  const { line, column } = lines.position(tag.start);
  return new Refusal(`${tagText(tag.name)} ${message}`, line, column);
}

/** The tags of a piece of template text, with offsets relative to its text. */
const tagsIn = (arg: TemplateText): TagOccurrence[] => locateTags(arg.text);

const absolute = (arg: TemplateText, tag: TagOccurrence): TagOccurrence => ({
  name: tag.name,
  start: arg.offset + tag.start,
  end: arg.offset + tag.end,
});

/** A DN argument. `wholeTag`: the context when the argument is exactly one tag (bind's name). */
export function renderDn(
  arg: TemplateText,
  resolve: Resolve,
  lines: LineIndex,
  wholeTag?: LdapContext,
): string {
  const tags = tagsIn(arg);
  const [only] = tags;
  if (
    wholeTag !== undefined &&
    tags.length === 1 &&
    only !== undefined &&
    arg.text.trim() === arg.text.slice(only.start, only.end)
  ) {
    return resolve(absolute(arg, only), wholeTag);
  }
  const text = arg.text;
  let out = '';
  let inValue = false;
  /** At the start of an RDN (after "," or the start), with only spaces so far. */
  let rdnStart = true;
  let i = 0;
  let next = 0;
  while (i < text.length) {
    const tag = tags[next];
    if (tag?.start === i) {
      next++;
      const rest = text.slice(tag.end).trimStart();
      if (inValue) {
        out += resolve(absolute(arg, tag), 'dn-value');
      } else if (rdnStart && (rest === '' || rest.startsWith(','))) {
        out += resolve(absolute(arg, tag), 'dn-suffix');
      } else {
        throw refuseAt(
          lines,
          absolute(arg, tag),
          'cannot be an attribute name in a DN: use it as a value (uid=…) or as a whole suffix (…,[#DOMAIN#])',
        );
      }
      rdnStart = false;
      i = tag.end;
      continue;
    }
    const char = text[i] ?? '';
    if (char === '\\') {
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (!inValue && char === '=') inValue = true;
    else if (char === ',' || char === ';') {
      inValue = false;
      rdnStart = true;
    } else if (char === '+') {
      inValue = false;
      rdnStart = false;
    } else if (!inValue && char !== ' ') rdnStart = false;
    out += char;
    i++;
  }
  return out;
}

/**
 * A filter argument. Tags are allowed in assertion values only: after "=", "~=", ">=", "<=" or
 * ":=" up to the closing ")"; in an attribute name or an operator position they are refused.
 */
export function renderFilter(arg: TemplateText, resolve: Resolve, lines: LineIndex): string {
  const text = arg.text;
  const tags = tagsIn(arg);
  let out = '';
  let inValue = false;
  let i = 0;
  let next = 0;
  while (i < text.length) {
    const tag = tags[next];
    if (tag?.start === i) {
      next++;
      if (!inValue) {
        throw refuseAt(
          lines,
          absolute(arg, tag),
          'can only be an assertion value in a filter, as in (uid=[#USERNAME#])',
        );
      }
      out += resolve(absolute(arg, tag), 'filter-value');
      i = tag.end;
      continue;
    }
    const char = text[i] ?? '';
    if (char === '\\' && inValue) {
      out += text.slice(i, i + 3);
      i += 3;
      continue;
    }
    if (char === '=') inValue = true;
    else if (char === '(' || char === ')') inValue = false;
    out += char;
    i++;
  }
  return out;
}

/** An attribute value (attribute line, mod-* value, bind password): the values as they are. */
export function renderValue(arg: TemplateText, resolve: Resolve): string {
  let out = '';
  let at = 0;
  for (const tag of tagsIn(arg)) {
    out += arg.text.slice(at, tag.start) + resolve(absolute(arg, tag), 'attribute-value');
    at = tag.end;
  }
  return out + arg.text.slice(at);
}
