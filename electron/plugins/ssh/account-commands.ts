/**
 * The commands behind accountExists and endSessions, run on exec channels (no PTY, no prompt
 * to wait for). The user name is validated first and is then safe in a command line as it is.
 */
import { Refusal } from '../tag-engine';
import { strictValuePatterns } from './template/tag-values';

/** Refuses (before connecting) a name that is not a Linux user name: it then needs no quoting. */
export function checkAccountName(username: string): void {
  if (!(strictValuePatterns.USERNAME?.test(username) ?? false)) {
    throw new Refusal(`${JSON.stringify(username.slice(0, 64))} is not a valid Linux user name`);
  }
}

/** getent exits 0 when found, 2 when the key is unknown. */
export const accountExistsCommand = (username: string): string => `getent passwd ${username}`;

/**
 * Counts the account's processes, SIGKILLs them, then waits (at most 5 s) until they are gone:
 * an account with processes cannot be deleted, and the caller deletes right after. Refuses uid 0:
 * killing every root process would take the server down with the session.
 */
export const endSessionsCommand = (username: string): string =>
  [
    `if [ "$(id -u ${username} 2>/dev/null)" = 0 ]; then echo 'refusing to end the sessions of uid 0' >&2; exit 3; fi`,
    `n=$(pgrep -c -u ${username} 2>/dev/null)`,
    `pkill -KILL -u ${username} 2>/dev/null`,
    `for i in $(seq 50); do pgrep -u ${username} >/dev/null 2>&1 || break; sleep 0.1; done`,
    `echo "ended=\${n:-0}"`,
  ].join('; ');

/** The count endSessionsCommand printed; null when the output is not what it prints. */
export function parseEndedCount(stdout: string): number | null {
  const found = /^ended=(\d+)$/m.exec(stdout);
  return found?.[1] === undefined ? null : Number(found[1]);
}
