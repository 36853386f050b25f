// Proves the lab's sshd is a real server on real accounts: root (key) creates a Linux user with a
// password, that user logs in with it over ssh2, and root deletes it again.

import type { Client } from 'ssh2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sshClose, sshConnect, sshExec, sshRun, type SshLogin } from '../../lab/clients/ssh.js';
import { labDetails } from '../../lab/inject.js';
import { uniqueName } from '../../lab/names.js';
import { randomPassword } from '../../lab/secrets.js';

describe('lab OpenSSH server', () => {
  const ssh = labDetails().ssh;
  const server = { host: ssh.host, port: ssh.port, hostPublicKey: ssh.hostPublicKey };
  const user = uniqueName();
  const password = randomPassword();
  const asUser: SshLogin = { ...server, username: user, password };
  let root: Client;

  beforeEach(async () => {
    root = await sshConnect({ ...server, username: ssh.adminUser, privateKey: ssh.privateKey });
  });

  afterEach(async () => {
    // Whatever happened above, the real Linux account must not survive the test.
    await sshExec(root, `! id ${user} >/dev/null 2>&1 || userdel --force --remove ${user}`);
    await sshClose(root);
  });

  it('logs in as root with the key', async () => {
    expect((await sshRun(root, 'id -un')).trim()).toBe('root');
  });

  it('creates a user with a password, logs in as that user, deletes it', async () => {
    await sshRun(root, `useradd --create-home --shell /bin/bash ${user}`);
    // Through stdin, so the password is in no command line.
    await sshRun(root, 'chpasswd', `${user}:${password}\n`);

    const session = await sshConnect(asUser);
    try {
      expect((await sshRun(session, 'id -un')).trim()).toBe(user);
    } finally {
      await sshClose(session);
    }

    // userdel refuses a user who still has processes, and sshd takes a moment to wind the session
    // down: wait for them to be gone, polling on the server (one round trip), bounded by timeout(1).
    await sshRun(root, `timeout 10 sh -c 'while pgrep -u ${user} >/dev/null; do sleep 0.02; done'`);
    await sshRun(root, `userdel --remove ${user}`);

    // Gone from the account databases and from /home. (A refused password login would prove it
    // too, but pam_unix delays every failure by seconds.)
    // One round trip: getent exits 2 for "no such key", test 1 for "no such file".
    const gone = await sshRun(
      root,
      `getent passwd ${user} >/dev/null; echo passwd=$?; getent shadow ${user} >/dev/null; echo shadow=$?; test -e /home/${user}; echo home=$?`,
    );
    expect(gone.trim().split('\n')).toEqual(['passwd=2', 'shadow=2', 'home=1']);
  });
});
