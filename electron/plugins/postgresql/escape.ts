import { Refusal } from '../tag-engine';
import type { SqlValueRules } from '../tag-engine/sql';

/** PostgreSQL cuts longer names to 63 bytes (NAMEDATALEN - 1), silently: a different name. */
export const maxIdentifierBytes = 63;

/** What a bare tag's value must look like: a plain name, which we then quote anyway. */
export const bareIdentifierPattern = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * What the session reports about how it reads string literals (ParameterStatus messages, which
 * the server sends at start and again whenever a template changes them). null: not reported.
 */
export interface PgSessionState {
  standardConformingStrings: boolean | null;
  clientEncoding: string | null;
}

export const assumedSession: PgSessionState = { standardConformingStrings: true, clientEncoding: 'UTF8' };

/**
 * - '…' literal: the quote doubled. A backslash is only special when standard_conforming_strings
 *   is off: then it is doubled too (only with a UTF8 client encoding, where no multi-byte character
 *   can swallow it), and refused when the session's state is not known.
 * - "…" identifier: the quote doubled; empty or over 63 bytes refused (PostgreSQL would cut it).
 * - bare tag: must be a plain name (bareIdentifierPattern), then written as "name", so a keyword
 *   such as current_user or public is a name too, and the case is kept as given.
 */
export function pgValueRules(session: PgSessionState): SqlValueRules {
  return {
    inString(value) {
      let content = value;
      if (value.includes('\\') && session.standardConformingStrings !== true) {
        if (session.standardConformingStrings === null || !isUtf8(session.clientEncoding)) {
          throw new Refusal(
            'contains a backslash, and the session does not say how it reads them (standard_conforming_strings)',
          );
        }
        content = content.replaceAll('\\', '\\\\');
      }
      return content.replaceAll("'", "''");
    },
    inIdentifier(value) {
      checkIdentifier(value);
      return value.replaceAll('"', '""');
    },
    bare(value) {
      if (!bareIdentifierPattern.test(value)) {
        throw new Refusal(
          'is not a plain name (letters, digits and _, not starting with a digit, at most 63): ' +
            'write the tag inside "…" or \'…\' in the template to allow other characters',
        );
      }
      return `"${value}"`;
    },
  };
}

function checkIdentifier(value: string): void {
  if (value.length === 0) throw new Refusal('is empty: a name cannot be empty');
  if (Buffer.byteLength(value, 'utf8') > maxIdentifierBytes) {
    throw new Refusal(`is longer than ${maxIdentifierBytes} bytes: PostgreSQL would cut it to another name`);
  }
}

const isUtf8 = (encoding: string | null): boolean => encoding !== null && /^utf-?8$/i.test(encoding);

/** The spellings of a secret that can appear in a statement or an echo of it, for masking. */
export const secretForms = (secret: string): string[] => [
  secret.replaceAll("'", "''"),
  secret.replaceAll('"', '""'),
  secret.replaceAll('\\', '\\\\').replaceAll("'", "''"),
];
