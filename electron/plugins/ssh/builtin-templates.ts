/**
 * The built-in Linux templates (read-only originals; Clone to edit). They run as root: the
 * authentication credential must be root (password or key), or, in their sudo forms, an account
 * with sudo rights. Every command that can fail ends
 * in `|| echo JIT-FAILED` and is followed by `no-expect "JIT-FAILED"`, so a failure stops the
 * run at once with the command's own message in the output tail, instead of waiting out a
 * timeout; a warning on stderr (userdel's "mail spool not found") does not fail anything.
 */
import { managedMarker, type BuiltInTemplate } from '../builtin-template';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/**
 * Every process of the account at once: kill -1 from a process of its own uid reaches them all in
 * one call, so one that forks as it goes (a process that restarts itself) cannot slip between two
 * passes. Then pkill until none is left (setpriv may be absent: busybox) and the killed ones are
 * reaped (userdel refuses an account that still has some). Never run for uid 0: callers refuse it.
 */
const endAllProcesses =
  'exec "getent passwd [#USERNAME#] >/dev/null && { setpriv --reuid [#USERNAME#] --regid $(id -g [#USERNAME#]) --clear-groups kill -9 -- -1 2>/dev/null; for i in $(seq 100); do pkill -KILL -u [#USERNAME#] || break; sleep 0.1; done; }"';

/**
 * A login shell can take a while to start on a busy server (motd, profile scripts): wait longer
 * for the first prompt than for each command, rather than abandon a shell still starting.
 */
const firstPrompt = ['set-read-timeout 30', 'expect "*#"'];

const create = lines(
  '# JIT creation of an ephemeral Linux account. Runs as root.',
  `# The comment (GECOS) "${managedMarker} <session>" marks the account as ours; -e makes Linux`,
  '# expire it on its own should the deletion never run.',
  ...firstPrompt,
  'set-read-timeout 10',
  `exec "useradd -m -c \\"${managedMarker} [#SESSION_ID#]\\" -e [#EXPIRATION_DATE#] [#USERNAME#] || echo JIT-FAILED"`,
  'expect "*#"',
  'no-expect "JIT-FAILED"',
  "# The password is typed at passwd's prompts: it never appears in a command line or in ps.",
  'exec "passwd [#USERNAME#]"',
  'expect "*password:"',
  'exec "[#NEW_PASSWORD#]"',
  'expect "*password:"',
  'exec "[#NEW_PASSWORD#]"',
  'expect "*updated successfully*"',
  'expect "*#"',
);

const remove = lines(
  '# JIT deletion: locks the account, ends every process of it, removes what it left in the shared',
  '# temporary folders, deletes it with its home, checks it is gone. Runs as root. Deleting an',
  '# account that no longer exists succeeds (a retried cleanup).',
  ...firstPrompt,
  'set-read-timeout 15',
  '# Only accounts JIT PAM created carry its marker: refuse to delete anyone else.',
  `exec "getent passwd [#USERNAME#] | grep -qv ':${managedMarker} ' && echo JIT-NOT-MANAGED"`,
  'expect "*#"',
  'no-expect "JIT-NOT-MANAGED"',
  '# Never uid 0: an expired root, or pkill -u of root, would take the whole server.',
  'exec "[ \\"$(id -u [#USERNAME#] 2>/dev/null)\\" != 0 ] || echo JIT-REFUSED-ROOT"',
  'expect "*#"',
  'no-expect "JIT-REFUSED-ROOT"',
  '# Locked and expired first: no new login, by password or by key, while its processes end.',
  'exec "getent passwd [#USERNAME#] >/dev/null && { usermod -L -e 1 [#USERNAME#] || echo JIT-FAILED; }"',
  'expect "*#"',
  'no-expect "JIT-FAILED"',
  '# Every process of it at once (see endAllProcesses): userdel refuses an account that has some.',
  endAllProcesses,
  'expect "*#"',
  '# What it left in the shared temporary folders, and its crontab, would belong to the next',
  '# account given its uid (useradd takes the lowest free one): a set-uid copy of a shell left in',
  '# /dev/shm would run as that account.',
  '# A large /tmp takes a while to walk.',
  'set-read-timeout 120',
  'exec "getent passwd [#USERNAME#] >/dev/null && { find /tmp /var/tmp /dev/shm -xdev -user [#USERNAME#] -delete 2>/dev/null; crontab -r -u [#USERNAME#] 2>/dev/null; true; }"',
  'expect "*#"',
  'set-read-timeout 15',
  'exec "getent passwd [#USERNAME#] >/dev/null && { userdel -r [#USERNAME#] || echo JIT-FAILED; }"',
  'expect "*#"',
  'no-expect "JIT-FAILED"',
  'exec "id [#USERNAME#]"',
  'no-expect "*[#USERNAME#]"',
);

const enable = lines(
  "# JIT enable: unlocks the account's password and sets it to expire when the session ends",
  '# (the backstop should the disable template never run). Runs as root.',
  ...firstPrompt,
  'set-read-timeout 10',
  'exec "usermod -e [#EXPIRATION_DATE#] [#USERNAME#] || echo JIT-FAILED"',
  'expect "*#"',
  'no-expect "JIT-FAILED"',
  "# Only a password behind '!' is unlocked. A key-only account ('!' or '*' alone, also after the",
  '# disable) keeps its lock: usermod -U would refuse to leave it without a password.',
  `exec "getent shadow [#USERNAME#] | cut -d: -f2 | grep -Eq '^!+[^!*]' && { usermod -U [#USERNAME#] || echo JIT-FAILED; }"`,
  'expect "*#"',
  'no-expect "JIT-FAILED"',
  '# Enabled means a password that is not locked, or a key-only account; never an empty password.',
  `exec "getent shadow [#USERNAME#] | cut -d: -f2 | grep -Eq -e '^!+[^!*]' -e '^$' && echo JIT-NOT-ENABLED"`,
  'expect "*#"',
  'no-expect "JIT-NOT-ENABLED"',
);

const disable = lines(
  '# JIT disable: locks the password AND expires the account. With PAM, a locked password',
  '# alone (usermod -L) still lets key logins in; an expired account (usermod -e 1) lets',
  "# nothing in. Then ends the account's live sessions. Runs as root.",
  ...firstPrompt,
  'set-read-timeout 15',
  '# Never uid 0: an expired root would lock everyone out of the server.',
  'exec "[ \\"$(id -u [#USERNAME#] 2>/dev/null)\\" != 0 ] || echo JIT-REFUSED-ROOT"',
  'expect "*#"',
  'no-expect "JIT-REFUSED-ROOT"',
  'exec "usermod -L -e 1 [#USERNAME#] || echo JIT-FAILED"',
  'expect "*#"',
  'no-expect "JIT-FAILED"',
  endAllProcesses,
  'expect "*#"',
  'exec "passwd -S [#USERNAME#]"',
  'expect "*#"',
  'no-expect "[#USERNAME#] P *"',
);

const changePassword = lines(
  "# Password change, typed at passwd's prompts. Runs as root (no current password asked).",
  ...firstPrompt,
  'set-read-timeout 10',
  'exec "getent passwd [#USERNAME#] >/dev/null || echo JIT-FAILED"',
  'expect "*#"',
  'no-expect "JIT-FAILED"',
  'exec "passwd [#USERNAME#]"',
  'expect "*password:"',
  'exec "[#NEW_PASSWORD#]"',
  'expect "*password:"',
  'exec "[#NEW_PASSWORD#]"',
  'expect "*updated successfully*"',
  'expect "*#"',
);

/**
 * The sudo form of a root template, for an authentication credential that is not root (most
 * fleets allow root only by key, or not at all): log in as the account, answer sudo's password
 * prompt with its password ([#AUTH_PASSWORD#], typed at the prompt, never on a command line),
 * check the account may use sudo, then open a root shell and run the root template's steps in it
 * unchanged. `sudo -k` first, so the password prompt always comes (a cached sudo would take the
 * password typed next for a command). Needs sudo that asks for the password.
 *
 * The root shell is bash without root's start-up files, not `sudo -i`: a target's /root/.profile
 * and .bashrc are a developer's or another tool's, and an interactive shell obeys them. They can
 * alias rm, cp and mv to their -i forms (RHEL's default root .bashrc does: a template's rm then
 * waits at a question), print text a prompt pattern matches, or hang (a build machine's pyenv
 * init waited 60 s on a stale lock, longer than the prompt timeout). sudo still resets the
 * environment and sets its secure_path.
 */
function sudoForm(rootTemplate: string, what: string): string {
  const [, body = ''] = rootTemplate.split(`${firstPrompt.join('\n')}\n`);
  return lines(
    `# ${what}, as the sudo form: the authentication credential is an account with sudo rights`,
    '# (its password answers sudo), not root. The root template runs in a root bash that reads',
    "# none of root's start-up files (they may alias rm to rm -i, print, or hang).",
    'set-read-timeout 30',
    'expect "*$"',
    'set-read-timeout 15',
    '# An account sudo knows nothing of is told so without a password prompt: stop there, never',
    '# type the password at a shell prompt.',
    'exec "sudo -k; sudo -n -v 2>&1 | grep -q \'may not run sudo\' && echo JIT-NO-SUDO"',
    'expect "*$"',
    'no-expect "JIT-NO-SUDO"',
    `exec "sudo -v -p 'JIT-SUDO-PASSWORD:'"`,
    'expect "*JIT-SUDO-PASSWORD:"',
    'exec "[#AUTH_PASSWORD#]"',
    'expect "*$"',
    '# sudo -n never asks: it fails when the password was wrong or the account has no sudo rights.',
    'exec "sudo -n true || echo JIT-NO-SUDO"',
    'expect "*$"',
    'no-expect "JIT-NO-SUDO"',
    'exec "sudo -n /bin/bash --noprofile --norc"',
    'set-read-timeout 30',
    'expect "*#"',
    '# A prompt pattern also matches $: make sure the shell is root before running root commands.',
    'exec "[ \\"$(id -u)\\" = 0 ] || echo JIT-NOT-ROOT"',
    'expect "*#"',
    'no-expect "JIT-NOT-ROOT"',
  ).concat(body);
}

const rootTemplates: readonly BuiltInTemplate[] = [
  {
    key: 'ssh-linux-jit-create',
    name: 'Linux: create JIT account',
    executionType: 'New user',
    description: `useradd with a "${managedMarker}" comment and an expiry date, then the password at passwd's prompts. Runs as root.`,
    content: create,
  },
  {
    key: 'ssh-linux-jit-delete',
    name: 'Linux: delete JIT account',
    executionType: 'User delete',
    description: `Refuses accounts without the "${managedMarker}" marker, locks and expires the account, kills all its processes, removes its files in /tmp, /var/tmp and /dev/shm and its crontab, userdel -r, then checks with id that the account is gone. Runs as root.`,
    content: remove,
  },
  {
    key: 'ssh-linux-enable',
    name: 'Linux: enable account',
    executionType: 'Credential enable',
    description: 'usermod -U and an expiry date at the session end, then checks passwd -S. Runs as root.',
    content: enable,
  },
  {
    key: 'ssh-linux-disable',
    name: 'Linux: disable account',
    executionType: 'Credential disable',
    description:
      'usermod -L and usermod -e 1 (so key logins stop too), then ends all its processes (kill -1 as its uid, then pkill until none). Refuses uid 0. Runs as root.',
    content: disable,
  },
  {
    key: 'ssh-linux-password-change',
    name: 'Linux: change password',
    executionType: 'Password change',
    description: "Sets the password at passwd's prompts. Runs as root.",
    content: changePassword,
  },
];

/** Each root template, and its sudo form (key `<key>-sudo`, name "Linux: via sudo, ..."). */
export const sshBuiltinTemplates: readonly BuiltInTemplate[] = rootTemplates.flatMap((t) => [
  t,
  {
    key: `${t.key}-sudo`,
    // Not "Linux (sudo): …": that would sort before the root form, which the password change
    // suggests first (by name), and must not contain the root form's name either.
    name: t.name.replace(/^Linux: /, 'Linux: via sudo, '),
    executionType: t.executionType,
    description: `${t.description.replace(/ Runs as root\.$/, '')} As an account with sudo rights: its password answers sudo, then a root bash without root's start-up files runs the root form's steps.`,
    content: sudoForm(t.content, t.name),
  },
]);
