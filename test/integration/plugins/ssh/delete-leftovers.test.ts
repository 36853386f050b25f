// The built-in Linux deletion against what a session's user can leave behind on the lab's real
// sshd: a process that restarts itself as it is killed (one pkill pass never catches it), and
// files in the shared temporary folders, which would belong to the next account useradd gives the
// same uid (a set-uid copy of a shell there would run as it). Review 37 found both.

import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  jitName,
  q,
  removeAccount,
  rootClient,
  runTemplate,
  sessionTags,
  sshClose,
  sshExec,
  sshLab,
  sshRun,
  why,
} from './support';

describe('SSH built-in deletion: what the account left behind', () => {
  const lab = sshLab();
  let root: Client;
  beforeAll(async () => {
    root = await rootClient(lab);
  });
  afterAll(async () => {
    await sshClose(root);
  });

  it('ends a process that restarts itself, and removes its files in /tmp, /var/tmp and /dev/shm', async ({
    onTestFinished,
  }) => {
    const user = jitName();
    const hop = `/dev/shm/${user}-hop.sh`;
    let uid = '';
    onTestFinished(async () => {
      // Whatever the template left: the restarting script first, so that its chain ends.
      await sshExec(root, `rm -f ${q(hop)}`);
      await removeAccount(root, user);
      if (uid !== '') await sshExec(root, `find /tmp /var/tmp /dev/shm -xdev -uid ${uid} -delete`);
    });
    const create = await runTemplate(lab, 'ssh-linux-jit-create', sessionTags(user));
    expect(create.ok, why(create)).toBe(true);
    uid = (await sshRun(root, `id -u ${q(user)}`)).trim();

    // As the account: a set-uid copy of id and a file in each shared folder, and a script that
    // starts itself again in the background and exits, with no pause: at any moment one or two
    // of its processes exist, a new one forked before the old one is gone.
    const leave = [
      `cp /usr/bin/id /dev/shm/${user}-id && chmod 4755 /dev/shm/${user}-id`,
      `mkdir /tmp/${user}-dir && touch /tmp/${user}-dir/f /var/tmp/${user}-f`,
      // Detached from the command's output, or the command would not end while one runs.
      `printf '%s\\n' '[ -f ${hop} ] && (sh ${hop} </dev/null >/dev/null 2>&1 &)' > ${hop}`,
      `(sh ${hop} </dev/null >/dev/null 2>&1 &)`,
    ].join('; ');
    await sshRun(root, `su -s /bin/sh -c ${q(leave)} ${q(user)}`);
    // Its chain runs (a condition, not a pause): a process of the uid is there.
    await sshRun(root, `timeout 10 sh -c 'until pgrep -u ${uid} >/dev/null; do sleep 0.05; done'`);

    const remove = await runTemplate(lab, 'ssh-linux-jit-delete', sessionTags(user));
    expect(remove.ok, why(remove)).toBe(true);

    expect((await sshExec(root, `getent passwd ${q(user)}`)).code).not.toBe(0);
    expect((await sshExec(root, `pgrep -u ${uid}`)).stdout).toBe('');
    expect(await sshRun(root, `find /tmp /var/tmp /dev/shm -xdev -uid ${uid} 2>/dev/null; true`)).toBe('');
  });
});
