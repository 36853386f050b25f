// The sudo forms of the Linux built-ins against the lab's real sshd and sudo: an account with
// sudo rights (its password answers sudo) creates, disables, enables, changes the password of
// and deletes a JIT account; an account without sudo rights is refused before anything runs.

import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TagValues } from '../../../../electron/plugins/plugin-runtime';
import { randomPassword } from '../../../lab/secrets';
import {
  createAccount,
  jitName,
  lineOf,
  removeAccount,
  rootClient,
  sessionTags,
  sshClose,
  sshLab,
  sshRun,
  template,
  tryLogin,
  why,
  q,
} from './support';

describe('SSH built-ins, sudo forms: as an account with sudo rights on a real sshd', () => {
  const lab = sshLab();
  let root: Client;

  beforeAll(async () => {
    root = await rootClient(lab);
  });
  afterAll(async () => {
    await sshClose(root);
  });

  const runAs = (key: string, login: { username: string; password: string }, tags: TagValues) =>
    lab.plugin.run({
      template: template(key),
      tags: { ...tags, AUTH_USER: login.username, AUTH_PASSWORD: login.password },
      target: lab.target,
      login,
    });

  it('create, disable, enable, password change and delete, each through sudo', async () => {
    const ops = jitName();
    const opsPassword = randomPassword();
    const user = jitName();
    await createAccount(root, ops, opsPassword);
    try {
      await sshRun(root, `usermod -aG sudo ${q(ops)}`);
      const login = { username: ops, password: opsPassword };
      const tags = sessionTags(user, { SESSION_ID: 'S-7' });
      const password = tags.NEW_PASSWORD ?? '';

      const create = await runAs('ssh-linux-jit-create-sudo', login, tags);
      expect(create.ok, why(create)).toBe(true);
      expect(await sshRun(root, `getent passwd ${q(user)} | cut -d: -f5`)).toBe('managed by jit-pam S-7\n');
      expect(await tryLogin(lab, user, { password })).toBe('ok');
      // The sudo password never shows in what the run reports.
      expect(JSON.stringify(create)).not.toContain(opsPassword);

      const disable = await runAs('ssh-linux-disable-sudo', login, tags);
      expect(disable.ok, why(disable)).toBe(true);
      expect(await tryLogin(lab, user, { password })).toBe('refused');
      const enable = await runAs('ssh-linux-enable-sudo', login, tags);
      expect(enable.ok, why(enable)).toBe(true);
      const newPassword = `${randomPassword(12)}'$"`;
      const changed = { ...tags, NEW_PASSWORD: newPassword };
      const change = await runAs('ssh-linux-password-change-sudo', login, changed);
      expect(change.ok, why(change)).toBe(true);
      expect(await tryLogin(lab, user, { password: newPassword })).toBe('ok');

      const remove = await runAs('ssh-linux-jit-delete-sudo', login, tags);
      expect(remove.ok, why(remove)).toBe(true);
      expect(
        await lab.plugin.accountExists({ target: lab.target, login: lab.rootLogin, username: user }),
      ).toBe(false);
    } finally {
      await removeAccount(root, user);
      await removeAccount(root, ops);
    }
  });

  it('an account without sudo rights is refused before its password is typed and before anything runs', async () => {
    const ops = jitName();
    const opsPassword = randomPassword();
    const user = jitName();
    await createAccount(root, ops, opsPassword);
    try {
      const result = await runAs(
        'ssh-linux-jit-create-sudo',
        { username: ops, password: opsPassword },
        sessionTags(user),
      );
      expect(result.ok).toBe(false);
      expect(result.failure?.message).toContain('no-expect "JIT-NO-SUDO" matched');
      expect(result.failure?.line).toBe(lineOf('ssh-linux-jit-create-sudo', 'no-expect "JIT-NO-SUDO"'));
      expect(
        await lab.plugin.accountExists({ target: lab.target, login: lab.rootLogin, username: user }),
      ).toBe(false);
    } finally {
      await removeAccount(root, ops);
    }
  });
});
