// Shared by the SSH plugin's integration tests: the plugin pointed at the lab's real sshd, a root
// connection for setting up and checking (never through the plugin under test), logins as the
// accounts the templates make, and cleanup that waits on conditions rather than sleeping.

import { Client } from 'ssh2';
import { sshBuiltinTemplates, SshPlugin } from '../../../../electron/plugins/ssh';
import type {
  ConnectionLogin,
  RunResult,
  TagValues,
  TargetEndpoint,
} from '../../../../electron/plugins/plugin-runtime';
import { sshClose, sshConnect, sshExec, sshRun } from '../../../lab/clients/ssh';
import { labDetails } from '../../../lab/inject';
import { uniqueName } from '../../../lab/names';
import { randomPassword } from '../../../lab/secrets';
import { ed25519KeyPair } from '../../../support/ssh-key-pair';

export function sshLab() {
  const ssh = labDetails().ssh;
  const target: TargetEndpoint = { host: ssh.host, port: ssh.port };
  const rootLogin: ConnectionLogin = { username: ssh.adminUser, privateKey: ssh.privateKey };
  const expectedKey = Buffer.from(ssh.hostPublicKey.split(/\s+/)[1] ?? '', 'base64');
  // The plugin checks the host key as the app will once devices record theirs.
  const plugin = new SshPlugin({ hostKeyCheck: (_target, key) => key.equals(expectedKey) });
  return { ssh, target, rootLogin, plugin, hostPublicKey: ssh.hostPublicKey };
}

export type SshLab = ReturnType<typeof sshLab>;

export const template = (key: string): string => {
  const found = sshBuiltinTemplates.find((t) => t.key === key);
  if (found === undefined) throw new Error(`no built-in template ${key}`);
  return found.content;
};

/** The 1-based line of `text` in a built-in template (tests name lines by content, not number). */
export function lineOf(key: string, text: string): number {
  const index = template(key).split('\n').indexOf(text);
  if (index === -1) throw new Error(`no line ${text} in ${key}`);
  return index + 1;
}

/**
 * Test templates start like the built-ins: a generous wait for the first prompt (a busy machine
 * starts root's shell slowly, and a shell abandoned while it starts can leave locks behind).
 */
export const firstPrompt = 'set-read-timeout 30\nexpect "*#"\nset-read-timeout 5\n';

export const jitName = (): string => uniqueName('jitssh');

/** Tag values for one session of `username`. */
export function sessionTags(username: string, overrides: Record<string, string> = {}): TagValues {
  return {
    USERNAME: username,
    NEW_PASSWORD: `${randomPassword(16)}'$x "y`,
    // Not derived from the user name: a hostile name must not make the session id invalid too.
    SESSION_ID: 'S-20300131-0001',
    EXPIRATION_DATE: '2099-12-31',
    ...overrides,
  };
}

export function runTemplate(lab: SshLab, key: string, tags: TagValues): Promise<RunResult> {
  return lab.plugin.run({ template: template(key), tags, target: lab.target, login: lab.rootLogin });
}

/** What went wrong, for assertion messages (already masked by the plugin). */
export const why = (result: RunResult): string => JSON.stringify(result.failure);

export function rootClient(lab: SshLab): Promise<Client> {
  return sshConnect({
    ...lab.target,
    hostPublicKey: lab.hostPublicKey,
    username: lab.ssh.adminUser,
    privateKey: lab.ssh.privateKey,
  });
}

/** Single quotes for root's helper commands (test-chosen names, and hostile values too). */
export const q = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * Removes accounts whatever state they are in, in one root command: ends their processes, waits
 * (on the server, bounded) until they are gone, as userdel refuses an account that still has
 * some, then deletes each with its home. Missing accounts are skipped.
 */
export async function removeAccounts(root: Client, usernames: readonly string[]): Promise<void> {
  if (usernames.length === 0) return;
  const users = usernames.map(q).join(' ');
  await sshExec(
    root,
    // By uid, and never below 1000: pkill -u reads its argument as a list of names or uids.
    `for u in ${users}; do uid=$(id -u -- "$u" 2>/dev/null) || continue; [ "$uid" -ge 1000 ] || continue; pkill -KILL -U "$uid"; timeout 10 sh -c 'while pgrep -U "$1" >/dev/null; do sleep 0.05; done' _ "$uid"; userdel --force --remove -- "$u" 2>/dev/null; done; true`,
  );
}

export const removeAccount = (root: Client, username: string): Promise<void> =>
  removeAccounts(root, [username]);

export async function accountNames(root: Client): Promise<Set<string>> {
  const out = await sshRun(root, 'getent passwd | cut -d: -f1');
  return new Set(out.split('\n').filter((name) => name !== ''));
}

/** A user with a password, made by root directly (for enable/disable and password-change runs). */
export const createAccount = (root: Client, username: string, password: string): Promise<void> =>
  createAccounts(root, [username], password);

/** Several such users in one root command (names chosen by tests: jitName()). */
export async function createAccounts(
  root: Client,
  usernames: readonly string[],
  password: string,
): Promise<void> {
  if (usernames.length === 0) return;
  await sshRun(
    root,
    `for u in ${usernames.map(q).join(' ')}; do useradd -m -s /bin/bash "$u" || exit 1; done; chpasswd`,
    usernames.map((u) => `${u}:${password}\n`).join(''),
  );
}

/** Lets `publicKey` log in as the user (the lab's sshd reads ~/.ssh/authorized_keys, StrictModes off). */
export async function authorizeKey(root: Client, username: string, publicKey: string): Promise<void> {
  const home = `/home/${username}/.ssh`;
  await sshRun(
    root,
    `mkdir -p ${q(home)} && cat > ${q(`${home}/authorized_keys`)} && chown -R ${q(username)}: ${q(home)}`,
    `${publicKey}\n`,
  );
}

export function newKeyPair(): { privateKey: string; publicKey: string } {
  const pair = ed25519KeyPair();
  return { privateKey: pair.private, publicKey: pair.public };
}

const closedSessions = new WeakSet<Client>();

/** Ends a userSession and waits for its socket to close (at once if the server closed it). */
export function endSession(client: Client): Promise<void> {
  if (closedSessions.has(client)) return Promise.resolve();
  return new Promise((resolve) => {
    client.once('close', () => resolve());
    client.end();
  });
}

/** Resolves when the server has closed the session (ssh2 'close'); rejects after `ms`. */
export function sessionClosed(client: Client, ms: number): Promise<void> {
  if (closedSessions.has(client)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the session was still open after ${ms} ms`)), ms);
    client.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Opens a session as the user (password or key). Resolves null when the login is refused, also
 * when the server only closes the connection (an expired account: ssh2 sees no error, only
 * `close`, which the lab's own helper would wait on forever).
 */
export function userSession(
  lab: SshLab,
  username: string,
  secret: { password?: string; privateKey?: string },
): Promise<Client | null> {
  return new Promise((resolve) => {
    const client = new Client();
    client.once('close', () => closedSessions.add(client));
    client.once('ready', () => resolve(client));
    client.on('error', () => resolve(null));
    client.once('close', () => resolve(null));
    client.connect({
      ...lab.target,
      username,
      ...secret,
      readyTimeout: 15_000,
      hostVerifier: (key: Buffer) =>
        key.equals(Buffer.from(lab.hostPublicKey.split(/\s+/)[1] ?? '', 'base64')),
    });
  });
}

export type LoginOutcome = 'ok' | 'refused';

/** Logs in as the user and checks who it is. */
export async function tryLogin(
  lab: SshLab,
  username: string,
  secret: { password?: string; privateKey?: string },
): Promise<LoginOutcome> {
  const client = await userSession(lab, username, secret);
  if (client === null) return 'refused';
  try {
    const who = await sshExec(client, 'id -un');
    return who.stdout.trim() === username ? 'ok' : 'refused';
  } catch {
    return 'refused';
  } finally {
    await endSession(client);
  }
}

export { sshClose, sshExec, sshRun };
