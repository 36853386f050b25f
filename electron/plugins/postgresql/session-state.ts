import { isWhitespace } from '../tag-engine/sql';
import { blockCommentEnd, lineCommentEnd } from './sql-lexer';

/**
 * Statements after which a kept connection needs no DISCARD ALL: they change the catalog or end a
 * transaction, never the session (settings, SET ROLE, search_path, prepared statements, temp
 * tables, cursors, LISTEN, advisory locks). None of them fires user code that could: PostgreSQL
 * runs no event trigger for roles (shared objects), and these are its role and transaction commands.
 * `USER MAPPING` is a local object, with event triggers: not here. Anything else, SELECT included
 * (a function may call set_config), is reset, as is a run whose transaction is still open.
 */
const KEEPS_STATE: readonly RegExp[] = [
  /^(?:begin|commit|end|rollback|abort)\b/,
  /^start[ \t\n\r\f\v]+transaction\b/,
  /^(?:create|alter|drop)[ \t\n\r\f\v]+(?:role|group)\b/,
  /^comment[ \t\n\r\f\v]+on[ \t\n\r\f\v]+role\b/,
];

/** CREATE/ALTER/DROP USER: a role command unless its next word is MAPPING (see below). */
const USER_COMMAND = /^(?:create|alter|drop)[ \t\n\r\f\v]+user\b/;

/**
 * Whether `statement` (one statement, as sent) leaves the session as a fresh login left it. Read
 * from its first words after any whitespace and comments (only those may come first: a value is
 * always inside quotes); a comment between the words, or one left open, counts as a change (the
 * connection is then reset, which is always safe). Only the head is read: the rest of a statement
 * (a SCRAM verifier, a long literal) never decides.
 */
export function keepsSessionState(statement: string): boolean {
  const start = afterComments(statement, 0);
  if (start < 0) return false;
  const head = statement.slice(start, start + 40).toLowerCase();
  if (KEEPS_STATE.some((pattern) => pattern.test(head))) return true;
  const user = USER_COMMAND.exec(head);
  if (user === null) return false;
  // PostgreSQL reads a comment as a space, and any run of either may come before MAPPING: the
  // next word is found past all of them, however long (the attack review of 92b413b).
  const next = afterComments(statement, start + user[0].length);
  return next >= 0 && !/^mapping\b/i.test(statement.slice(next, next + 8));
}

/**
 * Where the next word starts from `from`, past whitespace, -- and (nested) block comments; -1 if
 * none.
 */
function afterComments(text: string, from: number): number {
  let at = from;
  while (at < text.length) {
    if (isWhitespace(text.charAt(at))) {
      at++;
    } else if (text.startsWith('--', at)) {
      // Past the line end; a comment left open runs to the end of the text (so: no word).
      at = lineCommentEnd(text, at) + 1;
    } else if (text.startsWith('/*', at)) {
      at = blockCommentEnd(text, at);
      if (at < 0) return -1;
    } else {
      return at;
    }
  }
  return -1;
}
