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

/** The comment (GECOS, the fifth field) of the first `getent passwd` line; null without one. */
export function commentOf(passwdLine: string): string | null {
  const fields = (passwdLine.split('\n')[0] ?? '').split(':');
  return fields.length >= 7 ? (fields[4] ?? null) : null;
}

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

/**
 * The awk program behind accountEnabledCommand, fed `getent shadow` lines. Disabled means what the
 * built-in disable template sets and what keeps every login out: the account has expired (shadow's
 * 8th field, in days since 1970, today or before). A locked password (`!`, `*`) alone is not
 * disabled: it is how key-only accounts are made (useradd's default, adduser --disabled-password),
 * and their key logins still work; calling them disabled would make a session enable them, then
 * disable (expire) them at its end. No such account: disabled.
 */
export const shadowVerdictAwk =
  `awk -F: -v today="$(( $(date +%s) / 86400 ))" ` +
  `'{ if ($8 != "" && $8 <= today) s = "disabled"; else s = "enabled" } ` +
  `END { print "state=" (s == "" ? "disabled" : s) }'`;

/**
 * Prints `state=enabled` or `state=disabled` (shadowVerdictAwk). Reads /etc/shadow, so it runs as
 * root or under sudo; only the verdict leaves the target, never the hash.
 */
export const accountEnabledCommand = (username: string): string =>
  `getent shadow ${username} | ${shadowVerdictAwk}`;

/** The verdict accountEnabledCommand printed; null when the output is not what it prints. */
export function parseEnabledState(stdout: string): boolean | null {
  const found = /^state=(enabled|disabled)$/m.exec(stdout);
  return found === null ? null : found[1] === 'enabled';
}

/**
 * The command as a login that is not root runs it: through sudo, which reads the login's password
 * from stdin (-S, no prompt text), or with -n (no password asked) for a key-only login.
 */
export function asRoot(command: string, loginUser: string, hasPassword: boolean): string {
  if (loginUser === 'root') return command;
  const quoted = `'${command.replaceAll("'", `'\\''`)}'`;
  return `sudo ${hasPassword ? "-S -p ''" : '-n'} sh -c ${quoted}`;
}
