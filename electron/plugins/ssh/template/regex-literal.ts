/**
 * `expect-regex "/re/flags"`: the regex literal inside the quoted string. Without slashes the
 * whole string is the expression (no flags), as some vendor templates write it.
 */
import { tagPattern } from '../../../../shared/domain/template-tags';

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

const invalidPrefix = 'Invalid regular expression: ';

/**
 * The engine's own message already starts "Invalid regular expression: /re/flags: why" (V8); say it
 * once, whichever engine, and without the expression with its tags stood in for.
 */
export function invalidRegexMessage(error: unknown): string {
  let reason = error instanceof Error ? error.message : 'invalid';
  if (reason.startsWith(invalidPrefix)) reason = reason.slice(invalidPrefix.length);
  // V8 names the expression it compiled (tags replaced by x) before the reason: keep the reason.
  const why = /^\/.*\/[a-z]*: (.+)$/s.exec(reason)?.[1];
  return `${invalidPrefix}${why ?? reason}`;
}

/** Checks the literal compiles, with each tag standing for a plain word (its value is escaped later). */
export function parseRegexLiteral(text: string): RegexLiteral {
  const literal = splitRegexLiteral(text);
  if (!literal.ok) return literal;
  try {
    new RegExp(literal.source.replace(tagPattern, 'x'), literal.flags);
  } catch (error) {
    return { ok: false, offset: literal.sourceOffset, message: invalidRegexMessage(error) };
  }
  return literal;
}
