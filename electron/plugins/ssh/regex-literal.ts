/**
 * `expect-regex "/re/flags"`: the regex literal inside the quoted string. Without slashes the
 * whole string is the expression (no flags), as some vendor templates write it.
 */
import { tagPattern } from '../../../shared/domain/template-tags';

export type RegexLiteral =
  | { readonly ok: true; readonly source: string; readonly flags: string; readonly sourceOffset: number }
  | { readonly ok: false; readonly offset: number; readonly message: string };

/** Flags that make sense for matching output; g and y keep state between calls, d is useless here. */
const allowedFlags = /^[imsu]*$/;

export function splitRegexLiteral(text: string): RegexLiteral {
  if (!text.startsWith('/')) return { ok: true, source: text, flags: '', sourceOffset: 0 };
  const close = text.lastIndexOf('/');
  if (close === 0) return { ok: false, offset: 0, message: 'The regular expression has no closing /' };
  const flags = text.slice(close + 1);
  if (!allowedFlags.test(flags)) {
    return {
      ok: false,
      offset: close + 1,
      message: `Unsupported regex flags "${flags}" (allowed: i, m, s, u)`,
    };
  }
  return { ok: true, source: text.slice(1, close), flags, sourceOffset: 1 };
}

/** Checks the literal compiles, with each tag standing for a plain word (its value is escaped later). */
export function parseRegexLiteral(text: string): RegexLiteral {
  const literal = splitRegexLiteral(text);
  if (!literal.ok) return literal;
  try {
    new RegExp(literal.source.replace(tagPattern, 'x'), literal.flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'invalid';
    return { ok: false, offset: literal.sourceOffset, message: `Invalid regular expression: ${reason}` };
  }
  return literal;
}
