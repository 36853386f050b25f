// accountLogsIn and accountEnabled against the lab's real sshd: the proof a rollback needs before
// it deletes an account (an SSH login with the session's password), and the shadow lock and expiry
// an Enable/Disable session reads before it enables anything (disabled = expired, as the built-in
// disable leaves it; a locked password alone is a key-only account, enabled), as root and through sudo.

import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { randomPassword } from '../../../lab/secrets';
import {
  authorizeKey,
  createAccount,
  jitName,
  newKeyPair,
  q,
  removeAccount,
  rootClient,
  runTemplate,
  sessionTags,
  sshClose,
  sshLab,
  sshRun,
  tryLogin,
  why,
} from './support';

// Each refused login costs PAM's failure delay (a few seconds), more on a loaded machine.
describe.concurrent('SSH plugin: ownership checks', { timeout: 120_000 }, () => {
  const lab = sshLab();
  let root: Client;
  beforeAll(async () => {
    root = await rootClient(lab);
  });
  afterAll(async () => {
    await sshClose(root);
  });

  const account = async ({ onTestFinished }: TestContext): Promise<{ user: string; password: string }> => {
    const user = jitName();
    const password = randomPassword();
    onTestFinished(() => removeAccount(root, user));
    await createAccount(root, user, password);
    return { user, password };
  };
  const request = (username: string) => ({ target: lab.target, login: lab.rootLogin, username });
  const logsIn = (username: string, password: string) =>
    lab.plugin.accountLogsIn({ ...request(username), password });

  it('accountLogsIn: true with its password; false with another, or for no such account', async (context) => {
    const { user, password } = await account(context);
    expect(await logsIn(user, password)).toBe(true);
    expect(await logsIn(user, randomPassword())).toBe(false);
    expect(await logsIn(jitName(), password)).toBe(false);
  });

  it('accountEnabled as root follows the built-in disable and enable; a disabled account does not log in', async (context) => {
    const { user, password } = await account(context);
    const enabled = () => lab.plugin.accountEnabled(request(user));
    expect(await enabled()).toBe(true);
    const disable = await runTemplate(lab, 'ssh-linux-disable', sessionTags(user));
    expect(disable.ok, why(disable)).toBe(true);
    expect(await enabled()).toBe(false);
    expect(await logsIn(user, password)).toBe(false);
    const enable = await runTemplate(lab, 'ssh-linux-enable', sessionTags(user));
    expect(enable.ok, why(enable)).toBe(true);
    expect(await enabled()).toBe(true);
  });

  it('accountEnabled: an expired account (not locked) is disabled too; no such account is disabled', async (context) => {
    const { user } = await account(context);
    // The disable template does both; either keeps logins out.
    await sshRun(root, `usermod -e 1 ${q(user)}`);
    expect(await lab.plugin.accountEnabled(request(user))).toBe(false);
    expect(await lab.plugin.accountEnabled(request(jitName()))).toBe(false);
  });

  it('a key-only account (password locked with !, no expiry) is enabled; the built-in disable and enable switch its key logins off and on', async ({
    onTestFinished,
  }) => {
    const user = jitName();
    onTestFinished(() => removeAccount(root, user));
    // useradd's default: no password (shadow "!"), the way key-only accounts are made; key logins work.
    await sshRun(root, `useradd -m -s /bin/bash ${q(user)}`);
    expect((await sshRun(root, `getent shadow ${q(user)} | cut -d: -f2,8`)).trim()).toBe('!:');
    expect(await lab.plugin.accountEnabled(request(user))).toBe(true);
    const key = newKeyPair();
    await authorizeKey(root, user, key.publicKey);
    expect(await tryLogin(lab, user, { privateKey: key.privateKey })).toBe('ok');
    const disable = await runTemplate(lab, 'ssh-linux-disable', sessionTags(user));
    expect(disable.ok, why(disable)).toBe(true);
    expect(await lab.plugin.accountEnabled(request(user))).toBe(false);
    expect(await tryLogin(lab, user, { privateKey: key.privateKey })).toBe('refused');
    // The built-in enable brings it back as it was: key-only ('!', never without a password).
    const enable = await runTemplate(lab, 'ssh-linux-enable', sessionTags(user));
    expect(enable.ok, why(enable)).toBe(true);
    expect(await lab.plugin.accountEnabled(request(user))).toBe(true);
    expect((await sshRun(root, `getent shadow ${q(user)} | cut -d: -f2`)).trim()).toBe('!');
    expect(await tryLogin(lab, user, { privateKey: key.privateKey })).toBe('ok');
  });

  it('accountEnabled through sudo for a login that is not root, its password on sudo\u2019s stdin', async (context) => {
    const ops = await account(context);
    const { user } = await account(context);
    await sshRun(root, `usermod -aG sudo ${q(ops.user)}`);
    const login = { username: ops.user, password: ops.password };
    expect(await lab.plugin.accountEnabled({ target: lab.target, login, username: user })).toBe(true);
    // A locked password alone still lets key logins in: enabled. Locked and expired (the disable
    // template's usermod -L -e 1): disabled.
    await sshRun(root, `usermod -L ${q(user)}`);
    expect(await lab.plugin.accountEnabled({ target: lab.target, login, username: user })).toBe(true);
    await sshRun(root, `usermod -e 1 ${q(user)}`);
    expect(await lab.plugin.accountEnabled({ target: lab.target, login, username: user })).toBe(false);
  });

  it('a login without sudo rights cannot tell: an error, never a guess, and no password in it', async (context) => {
    const plain = await account(context);
    const { user } = await account(context);
    const login = { username: plain.user, password: plain.password };
    const error: unknown = await lab.plugin
      .accountEnabled({ target: lab.target, login, username: user })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^reading the account\u2019s lock: /);
    expect((error as Error).message).not.toContain(plain.password);
  });
});
