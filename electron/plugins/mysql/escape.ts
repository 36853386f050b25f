import { Refusal } from '../tag-engine';
import type { SqlPlace, SqlValueRules } from '../tag-engine/sql';

/** MySQL's limit for identifiers (64 characters); longer ones are an error, not cut. */
export const maxIdentifierChars = 64;

export const bareIdentifierPattern = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * What matters about the session for string literals. `backslashEscapes`: false under
 * NO_BACKSLASH_ESCAPES. `charset`: character_set_client; null when not asked.
 */
export interface MysqlSessionState {
  readonly backslashEscapes: boolean;
  readonly charset: string | null;
}

/** A fresh mysql2 connection: utf8mb4, and the server's default sql_mode. */
export const assumedSession: MysqlSessionState = { backslashEscapes: true, charset: 'utf8mb4' };

/**
 * Client character sets where no multi-byte character can end in a backslash byte (0x5C), so an
 * escaping backslash cannot be swallowed into the character before it (the GBK/SJIS attack).
 */
const safeCharsets = new Set(['utf8mb4', 'utf8mb3', 'utf8', 'latin1', 'ascii', 'binary', 'latin2', 'ucs2']);

/**
 * - '…' and "…" strings: the quote doubled (valid with and without NO_BACKSLASH_ESCAPES), and a
 *   backslash doubled unless the session has NO_BACKSLASH_ESCAPES. A value with a backslash is
 *   refused when the client character set could swallow it.
 * - `…` identifiers: the backtick doubled; empty, over 64 characters or beyond the BMP refused.
 * - bare tag: a plain name (bareIdentifierPattern), written as `name`.
 * - account names ('user'@'host'): also refused with a trailing space or a 4-byte character, which
 *   the server would turn into another name.
 */
export function mysqlValueRules(session: MysqlSessionState): SqlValueRules {
  return {
    inString(value, quote, place) {
      checkAccountPart(value, place);
      let content = value;
      if (value.includes('\\')) {
        if (session.charset === null || !safeCharsets.has(session.charset.toLowerCase())) {
          throw new Refusal(
            `contains a backslash, which the client character set ${session.charset ?? '(unknown)'} could misread`,
          );
        }
        if (session.backslashEscapes) content = content.replaceAll('\\', '\\\\');
      }
      return content.replaceAll(quote, quote + quote);
    },
    inIdentifier(value, quote, place) {
      checkAccountPart(value, place);
      // MySQL names are limited to the Basic Multilingual Plane.
      if (beyondBmp.test(value))
        throw new Refusal('has a 4-byte character (such as an emoji), which MySQL names cannot hold');
      // Code points, as MySQL counts characters (not UTF-16 units, not grapheme clusters).
      if (Array.from(value).length > maxIdentifierChars) {
        throw new Refusal(`is longer than ${maxIdentifierChars} characters, the limit for a name`);
      }
      return value.replaceAll(quote, quote + quote);
    },
    bare(value) {
      if (!bareIdentifierPattern.test(value)) {
        throw new Refusal(
          'is not a plain name (letters, digits and _, not starting with a digit, at most 64): ' +
            "write the tag inside '…' or `…` in the template to allow other characters",
        );
      }
      return `\`${value}\``;
    },
  };
}

/** A character outside the Basic Multilingual Plane (4 bytes in UTF-8, e.g. an emoji). */
const beyondBmp = /[\u{10000}-\u{10FFFF}]/u;

/**
 * Account names live in CHAR columns of utf8mb3: the server drops trailing spaces ('root ' is
 * root) and stores a 4-byte character as '?' ('a😀b' is 'a?b'): either would name another account.
 */
function checkAccountPart(value: string, place: SqlPlace): void {
  if (place !== 'account') return;
  if (/\s$/.test(value)) {
    throw new Refusal('ends with a space, which MySQL drops from account names (another account)');
  }
  if (beyondBmp.test(value)) {
    throw new Refusal(
      'has a 4-byte character (such as an emoji), which MySQL stores as "?" in account names',
    );
  }
}

/** The spellings of a secret that can appear in a statement or an echo of it, for masking. */
export const secretForms = (secret: string): string[] => [
  secret.replaceAll("'", "''"),
  // How the server quotes names in its messages ('o\'brien'@'%').
  secret.replaceAll('\\', '\\\\').replaceAll("'", "\\'"),
  secret.replaceAll('"', '""'),
  secret.replaceAll('\\', '\\\\'),
  secret.replaceAll('\\', '\\\\').replaceAll("'", "''"),
  secret.replaceAll('\\', '\\\\').replaceAll('"', '""'),
];
