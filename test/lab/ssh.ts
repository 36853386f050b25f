// A private OpenSSH server. It authenticates against this machine's real accounts (/etc/passwd,
// /etc/shadow through PAM), so accounts a test creates are real Linux users: tests must remove them.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sshClose, sshConnect, sshRun } from './clients/ssh.js';
import { LAB_HOST } from './net.js';
import { runCommand } from './run-command.js';
import { DEFAULT_READY_TIMEOUT_MS, launch, startWithPortRetry } from './server.js';
import type { RunningServer, SshDetails, StartOptions } from './types.js';

const SSHD = '/usr/sbin/sshd';
const ADMIN_USER = 'root';

async function generateKey(path: string, comment: string): Promise<void> {
  await runCommand('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
}

/** Root's HOME on the lab's sshd: empty, so its shell reads no start-up file of this machine's root. */
const rootHome = (dir: string): string => join(dir, 'root-home');

function sshdConfig(dir: string, port: number): string {
  const authorizedKeysDir = join(dir, 'authorized_keys');
  return `# Written by the JIT PAM test lab (test/lab/ssh.ts).
ListenAddress ${LAB_HOST}:${port}
HostKey ${join(dir, 'ssh_host_ed25519_key')}
PidFile ${join(dir, 'sshd.pid')}
# Keys live in the lab's temp dir, whose owner and modes sshd's StrictModes would question.
StrictModes no
AuthorizedKeysFile ${authorizedKeysDir}/%u .ssh/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication yes
KbdInteractiveAuthentication yes
UsePAM yes
UseDNS no
PrintMotd no
# Tests open many connections at once; the default (10:30:100) drops some of them.
MaxStartups 100:30:200
Subsystem sftp /usr/lib/openssh/sftp-server

# Root logs in with the lab's key only, never with keys this machine's root happens to have.
# Its shell starts from an empty home of the lab's: the build machines' /root start-up files (pyenv,
# cargo) cost 1.5 s of every root command and login, which tests are not about (a target's root is
# rarely a developer's). The working directory stays /root.
Match User ${ADMIN_USER}
    AuthorizedKeysFile ${authorizedKeysDir}/%u
    SetEnv HOME=${rootHome(dir)}
`;
}

export async function startSsh(options: StartOptions = {}): Promise<RunningServer<SshDetails>> {
  // sshd's privilege-separation directory; normally made by the (unused) systemd unit.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });

  return startWithPortRetry('ssh', async ({ dir, port }) => {
    const hostKeyPath = join(dir, 'ssh_host_ed25519_key');
    const privateKeyPath = join(dir, 'root_ed25519');
    await Promise.all([
      generateKey(hostKeyPath, 'jitpam-lab-host'),
      generateKey(privateKeyPath, 'jitpam-lab-root'),
    ]);
    const [privateKey, publicKey, hostPublicKey] = await Promise.all([
      readFile(privateKeyPath, 'utf8'),
      readFile(`${privateKeyPath}.pub`, 'utf8'),
      readFile(`${hostKeyPath}.pub`, 'utf8'),
    ]);
    const hostKeyLine = hostPublicKey.trim().split(/\s+/).slice(0, 2).join(' ');
    const knownHostsPath = join(dir, 'known_hosts');
    const configPath = join(dir, 'sshd_config');
    await Promise.all([mkdir(join(dir, 'authorized_keys')), mkdir(rootHome(dir), { mode: 0o700 })]);
    await Promise.all([
      writeFile(join(dir, 'authorized_keys', ADMIN_USER), publicKey, { mode: 0o600 }),
      writeFile(knownHostsPath, `[${LAB_HOST}]:${port} ${hostKeyLine}\n`),
      writeFile(configPath, sshdConfig(dir, port)),
    ]);

    const details: SshDetails = {
      host: LAB_HOST,
      port,
      adminUser: ADMIN_USER,
      privateKey,
      privateKeyPath,
      hostPublicKey: hostKeyLine,
      knownHostsPath,
    };
    return launch({
      name: 'ssh',
      dir,
      // -D: stay in the foreground (so it can be killed); -e: log to stderr (so it is captured).
      spawn: { command: SSHD, args: ['-D', '-e', '-f', configPath] },
      stopSignal: 'SIGTERM',
      readyTimeoutMs: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
      details,
      // Ready means a root login with the key works and runs a command through the PAM session.
      probe: async () => {
        const client = await sshConnect({
          host: LAB_HOST,
          port,
          username: ADMIN_USER,
          privateKey,
          hostPublicKey: hostKeyLine,
          readyTimeoutMs: 5_000,
        });
        try {
          const user = (await sshRun(client, 'id -un')).trim();
          if (user !== ADMIN_USER) throw new Error(`logged in as '${user}', expected '${ADMIN_USER}'`);
        } finally {
          await sshClose(client);
        }
      },
    });
  });
}
