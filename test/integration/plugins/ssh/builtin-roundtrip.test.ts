// Each built-in Linux template against the lab's real sshd and real accounts of this machine:
// the JIT pairs' round trips and the password change, checked by logging in as the account.

import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { randomPassword } from '../../../lab/secrets';
import {
  authorizeKey,
  createAccount,
  jitName,
  lineOf,
  newKeyPair,
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

// Concurrent: most of the time goes to waiting on the server (PAM's delay after a refused
// password, shells starting), and every test works on accounts of its own.
describe.concurrent('SSH built-in templates: round trips on a real sshd', () => {
  const lab = sshLab();
  let root: Client;

  /**
   * A fresh account name, removed (whatever state it is in) when the test ends. The test's own
   * onTestFinished: in concurrent tests the global one may belong to another test.
   */
  const account = ({ onTestFinished }: TestContext): string => {
    const user = jitName();
    onTestFinished(() => removeAccount(root, user));
    return user;
  };

  const exists = (username: string): Promise<boolean> =>
    lab.plugin.accountExists({ target: lab.target, login: lab.rootLogin, username });

  beforeAll(async () => {
    root = await rootClient(lab);
  });
  afterAll(async () => {
    await sshClose(root);
  });

  it('creation and deletion: create, verify, log in, disable, refused, enable, log in, delete, gone', async (context) => {
    const user = account(context);
    const tags = sessionTags(user, { EXPIRATION_DATE: '2099-12-31', SESSION_ID: 'S-42' });
    const password = tags.NEW_PASSWORD ?? '';
    const key = newKeyPair();

    const create = await runTemplate(lab, 'ssh-linux-jit-create', tags);
    expect(create.ok, why(create)).toBe(true);
    expect(await exists(user)).toBe(true);
    // The ownership marker and the target-side expiry are on the account.
    expect(
      await sshRun(root, `getent passwd ${user} | cut -d: -f5; chage -l ${user} | grep 'Account expires'`),
    ).toMatch(/^managed by jit-pam S-42\nAccount expires\s*: Dec 31, 2099\n$/);
    expect(await tryLogin(lab, user, { password })).toBe('ok');
    await authorizeKey(root, user, key.publicKey);
    expect(await tryLogin(lab, user, { privateKey: key.privateKey })).toBe('ok');

    const disable = await runTemplate(lab, 'ssh-linux-disable', tags);
    expect(disable.ok, why(disable)).toBe(true);
    // usermod -e 1 stops key logins too (sshd then only closes the connection).
    expect(
      await Promise.all([
        tryLogin(lab, user, { password }),
        tryLogin(lab, user, { privateKey: key.privateKey }),
      ]),
    ).toEqual(['refused', 'refused']);

    const enable = await runTemplate(lab, 'ssh-linux-enable', tags);
    expect(enable.ok, why(enable)).toBe(true);
    expect(
      await Promise.all([
        tryLogin(lab, user, { password }),
        tryLogin(lab, user, { privateKey: key.privateKey }),
      ]),
    ).toEqual(['ok', 'ok']);

    const remove = await runTemplate(lab, 'ssh-linux-jit-delete', tags);
    expect(remove.ok, why(remove)).toBe(true);
    expect(await exists(user)).toBe(false);
    expect((await sshRun(root, `test -e /home/${user}; echo $?`)).trim()).toBe('1');

    // A retried cleanup of an account already gone succeeds.
    const again = await runTemplate(lab, 'ssh-linux-jit-delete', tags);
    expect(again.ok, why(again)).toBe(true);
  });

  it('enable and disable of an existing account that is locked and expired at rest', async (context) => {
    const user = account(context);
    const password = randomPassword();
    await createAccount(root, user, password);
    await sshRun(root, `usermod -L -e 1 ${user}`);

    const enable = await runTemplate(lab, 'ssh-linux-enable', sessionTags(user));
    expect(enable.ok, why(enable)).toBe(true);
    expect(await tryLogin(lab, user, { password })).toBe('ok');

    const disable = await runTemplate(lab, 'ssh-linux-disable', sessionTags(user));
    expect(disable.ok, why(disable)).toBe(true);
    expect(await exists(user)).toBe(true);
    expect(await sshRun(root, `passwd -S ${user} | cut -d' ' -f2`)).toBe('L\n');
  });

  it('the deletion template refuses an account JIT PAM did not create', async (context) => {
    const user = account(context);
    await createAccount(root, user, randomPassword());
    const result = await runTemplate(lab, 'ssh-linux-jit-delete', sessionTags(user));
    expect(result.failure).toMatchObject({
      kind: 'target',
      line: lineOf('ssh-linux-jit-delete', 'no-expect "JIT-NOT-MANAGED"'),
    });
    expect(result.failure?.message).toContain('JIT-NOT-MANAGED');
    expect(await exists(user)).toBe(true);
  });

  it('the creation template refuses an account that already exists', async (context) => {
    const user = account(context);
    await createAccount(root, user, randomPassword());
    const result = await runTemplate(lab, 'ssh-linux-jit-create', sessionTags(user));
    expect(result.failure).toMatchObject({
      kind: 'target',
      line: lineOf('ssh-linux-jit-create', 'no-expect "JIT-FAILED"'),
    });
    expect(result.failure?.outputTail).toContain('already exists');
  });

  it('password change: the new password logs in', async (context) => {
    const user = account(context);
    await createAccount(root, user, randomPassword());
    const tags = sessionTags(user, { NEW_PASSWORD: `N3w ${randomPassword(12)} p@ss'"` });
    const result = await runTemplate(lab, 'ssh-linux-password-change', tags);
    expect(result.ok, why(result)).toBe(true);
    expect(JSON.stringify(result)).not.toContain(tags.NEW_PASSWORD);
    expect(await tryLogin(lab, user, { password: tags.NEW_PASSWORD ?? '' })).toBe('ok');
  });
});
