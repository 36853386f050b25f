/**
 * The real core against the lab's sshd: the device `ssh-lab`, its root as an authentication
 * credential with the lab's key (root logs in by key only), an account with sudo rights for the
 * sudo forms, and logins as the session's account with OpenSSH's own `ssh` client (the password
 * answered through SSH_ASKPASS, never on a command line).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'ssh2';
import type { Core } from '../../../electron/core/compose';
import { sshExec } from '../../lab/clients/ssh';
import { labDetails } from '../../lab/inject';
import { makeTempDir } from '../../support/temp-dir';
import { createAccount, q } from '../plugins/ssh/support';
import { callCore } from './postgres-lab-core';
import { builtInTemplateId, runClient, type LoginOutcome } from './session-core';

export interface SshLabCore {
  readonly deviceId: number;
  /** root, with the lab's private key in the vault (no password). */
  readonly rootId: number;
  templateId(name: string): number;
}

/** The device `ssh-lab` (the lab's sshd) and root as its key-only administrator, saved in `core`. */
export async function seedSshLab(core: Core): Promise<SshLabCore> {
  const { ssh } = labDetails();
  const device = (await callCore(core, 'devices.save', {
    device: {
      name: 'ssh-lab',
      address: ssh.host,
      type: 'Server',
      connectivity: [{ protocol: 'SSH', port: ssh.port }],
    },
  })) as { id: number };
  const root = (await callCore(core, 'credentials.save', {
    credential: { username: ssh.adminUser, type: 'Local administrator', deviceId: device.id },
    password: { action: 'keep' },
    key: { action: 'set', privateKey: ssh.privateKey, passphrase: '' },
  })) as { id: number };
  return { deviceId: device.id, rootId: root.id, templateId: (name) => builtInTemplateId(core, name) };
}

/** A Linux account with `password` in the sudo group, saved as an administrator credential of the device. */
export async function seedSudoAdmin(
  core: Core,
  root: Client,
  deviceId: number,
  username: string,
  password: string,
): Promise<number> {
  await createAccount(root, username, password);
  await sshExec(root, `usermod -aG sudo ${q(username)}`);
  const saved = (await callCore(core, 'credentials.save', {
    credential: { username, type: 'Local administrator', deviceId },
    password: { action: 'set', value: password },
  })) as { id: number };
  return saved.id;
}

export async function linuxAccountExists(root: Client, username: string): Promise<boolean> {
  const result = await sshExec(root, `getent passwd ${q(username)}`);
  return result.code === 0;
}

/**
 * `ssh` as the lab's sshd sees any client: no config files, the lab's host key only, password (or
 * keyboard-interactive through PAM) only, one try.
 */
function sshArgs(username: string, command: string): string[] {
  const { ssh } = labDetails();
  return [
    '-F',
    '/dev/null',
    '-n',
    '-p',
    String(ssh.port),
    '-o',
    `UserKnownHostsFile=${ssh.knownHostsPath}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'PubkeyAuthentication=no',
    '-o',
    'PreferredAuthentications=keyboard-interactive,password',
    '-o',
    'NumberOfPasswordPrompts=1',
    '-o',
    'ConnectTimeout=15',
    '-o',
    'LogLevel=ERROR',
    `${username}@${ssh.host}`,
    command,
  ];
}

/** An SSH_ASKPASS program that answers every prompt with the password in its environment. */
function askpass(password: string): { env: NodeJS.ProcessEnv; remove: () => void } {
  const dir = makeTempDir('jit-askpass-');
  const program = join(dir.path, 'askpass');
  writeFileSync(program, '#!/bin/sh\nprintf \'%s\\n\' "$JIT_TEST_SSH_PASSWORD"\n', { mode: 0o700 });
  return {
    env: { SSH_ASKPASS: program, SSH_ASKPASS_REQUIRE: 'force', JIT_TEST_SSH_PASSWORD: password },
    remove: dir.remove,
  };
}

/** What the ssh client says when the server refuses the login (wrong password, locked, expired). */
const refusal = /Permission denied|Connection closed by|account has expired|Authentication failed/i;

/** Logs in as `username` with `ssh` and runs `id -un`; throws for anything but a login or a refusal. */
export async function sshClientLogin(username: string, password: string): Promise<LoginOutcome> {
  const pass = askpass(password);
  try {
    const run = await runClient('ssh', sshArgs(username, 'id -un'), pass.env);
    if (run.code === 0 && run.stdout.trim() === username) return 'ok';
    if (run.code === 255 && refusal.test(run.stderr)) return 'refused';
    throw new Error(`ssh as ${username} exited ${run.code ?? 'by a signal'}: ${run.stderr.trim()}`);
  } finally {
    pass.remove();
  }
}

export interface OpenSshSession {
  /** Resolves with ssh's exit status when the session ends (the server closed it, or kill()). */
  readonly exited: Promise<number | null>;
  kill(): void;
}

/**
 * Logs in as `username` with `ssh` and stays logged in (`sleep`): resolves once the shell has
 * printed `id -un` as that user, which is the login check too. What the cleanup must end before
 * it deletes or disables the account.
 */
export function openSshSession(username: string, password: string): Promise<OpenSshSession> {
  const pass = askpass(password);
  const child = spawn('ssh', sshArgs(username, 'echo "jit-session-as:$(id -un)"; exec sleep 600'), {
    env: { ...process.env, ...pass.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve)).finally(pass.remove);
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes(`jit-session-as:${username}\n`))
        resolve({ exited, kill: () => child.kill('SIGKILL') });
    });
    void exited.then((code) =>
      reject(new Error(`ssh as ${username} exited ${code ?? 'by a signal'} before its shell ran: ${stderr}`)),
    );
  });
}

/** Resolves with `promise`'s value, or rejects after `ms` naming `what` (a bounded wait on a condition). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
