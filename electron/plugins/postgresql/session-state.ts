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
  /^start\s+transaction\b/,
  /^(?:create|alter|drop)\s+(?:role|group)\b/,
  /^(?:create|alter|drop)\s+user\b(?!\s+mapping\b)/,
  /^comment\s+on\s+role\b/,
];

/**
 * Whether `statement` (one statement, as sent) leaves the session as a fresh login left it. Read
 * from its first words after any whitespace and comments (only those may come first: a value is
 * always inside quotes); a comment between the words, or one left open, counts as a change (the
 * connection is then reset, which is always safe). Only the head is read: the rest of a statement
 * (a SCRAM verifier, a long literal) never decides.
 */
export function keepsSessionState(statement: string): boolean {
  const start = afterComments(statement);
  if (start < 0) return false;
  const head = statement.slice(start, start + 40).toLowerCase();
  return KEEPS_STATE.some((pattern) => pattern.test(head));
}

/** Where the first word starts, past whitespace, -- and (nested) block comments; -1 if none. */
function afterComments(text: string): number {
  let at = 0;
  while (at < text.length) {
    if (/\s/.test(text.charAt(at))) {
      at++;
    } else if (text.startsWith('--', at)) {
      const end = text.indexOf('\n', at);
      if (end < 0) return -1;
      at = end + 1;
    } else if (text.startsWith('/*', at)) {
      let depth = 0;
      do {
        if (text.startsWith('/*', at)) {
          depth++;
          at += 2;
        } else if (text.startsWith('*/', at)) {
          depth--;
          at += 2;
        } else {
          at++;
        }
      } while (depth > 0 && at < text.length);
      if (depth > 0) return -1;
    } else {
      return at;
    }
  }
  return -1;
}
