// Templates written for the vendor's SSH executor run unchanged on the lab's real sshd, as root
// (whose prompt ends in #, while these templates wait for "*$"): the vendor's how-to example, a
// "create user" that answers passwd's prompts, a "remove user" ending in id + no-expect, and a
// password change with the vendor's settings lines (set-ssh-version, set-new-line-mode, noexpect).

import { existsSync } from 'node:fs';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { randomPassword } from '../../../lab/secrets';
import {
  createAccount,
  jitName,
  removeAccount,
  rootClient,
  sshClose,
  sshLab,
  tryLogin,
  why,
} from './support';

const productExample = `set-read-timeout 5
expect-regex "/[$#>] ?$/"
exec "useradd -m [#USERNAME#]"
expect-regex "/[$#>] ?$/"
exec "passwd [#USERNAME#]"
expect "*password:"
exec "[#NEW_PASSWORD#]"
expect "*password:"
exec "[#NEW_PASSWORD#]"
expect "*updated successfully*"
exec "exit"
end
`;

const vendorCreate = `# Linux - create user (vendor style)
set-read-timeout 10
expect "*$"
exec "useradd -m -s /bin/bash [#USERNAME#]"
expect "*$"
exec "passwd [#USERNAME#]"
expect "*password:"
exec "[#NEW_PASSWORD#]"
expect "*password:"
exec "[#NEW_PASSWORD#]"
expect "*updated successfully*"
expect "*$"
`;

const vendorRemove = `# Linux - remove user (vendor style)
expect "*$"
exec "userdel -r [#USERNAME#]"
expect "*$"
exec "id [#USERNAME#]"
no-expect "*[#USERNAME#]"
`;

/** A password change as root with the vendor's settings lines: protocol 2, CR as Enter, noexpect. */
const vendorChangePassword = `set-ssh-version 2
set-new-line-mode mac
set-read-timeout 10
expect "*$"
exec "passwd [#USERNAME#]"
expect "*password:"
exec "[#NEW_PASSWORD#]"
expect "*password:"
exec "[#NEW_PASSWORD#]"
expect "*$"
noexpect "*error*"
noexpect "*unchanged*"
`;

/** The remove template's check alone, for an account that is still there. */
const vendorCheckGone = `expect "*$"
exec "id [#USERNAME#]"
no-expect "*[#USERNAME#]"
`;

/**
 * Lines the vendor's library writes loosely (no quotes, no closing quote, text after the closing
 * quote), read as its executor reads them; a value inside the loose line's own quotes stays literal.
 */
const vendorLoose = `expect "*$
exec id [#USERNAME#]
expect "*uid=
exec "echo "[#ADD_INFO#]""
expect "[#ADD_INFO#]
expect "*$
`;

describe.concurrent('vendor SSH templates run unchanged', () => {
  const lab = sshLab();
  let root: Client;
  const run = (template: string, tags: Record<string, string>) =>
    lab.plugin.run({ template, tags, target: lab.target, login: lab.rootLogin });
  const exists = (username: string) =>
    lab.plugin.accountExists({ target: lab.target, login: lab.rootLogin, username });
  const account = ({ onTestFinished }: TestContext): string => {
    const user = jitName();
    onTestFinished(() => removeAccount(root, user));
    return user;
  };

  beforeAll(async () => {
    root = await rootClient(lab);
  });
  afterAll(async () => {
    await sshClose(root);
  });

  it("the vendor's how-to example creates a user who can log in with the password", async (context) => {
    const user = account(context);
    const password = `${randomPassword(12)} !"$'`;
    const result = await run(productExample, { USERNAME: user, NEW_PASSWORD: password });
    expect(result.ok, why(result)).toBe(true);
    expect(result.steps.at(-1)).toMatchObject({ line: 12, command: 'end', ok: true });
    expect(await tryLogin(lab, user, { password })).toBe('ok');
  });

  it('a vendor "create user" then "remove user": created, logs in, removed, gone', async (context) => {
    const user = account(context);
    const password = randomPassword();
    const created = await run(vendorCreate, { USERNAME: user, NEW_PASSWORD: password });
    expect(created.ok, why(created)).toBe(true);
    expect(await tryLogin(lab, user, { password })).toBe('ok');
    // The session just closed: userdel refuses while its processes linger, so end them first
    // (the built-in deletion template does this itself).
    await lab.plugin.endSessions({ target: lab.target, login: lab.rootLogin, username: user });

    const removed = await run(vendorRemove, { USERNAME: user });
    expect(removed.ok, why(removed)).toBe(true);
    // id's "no such user" diagnostic names the user; the no-expect still passed, as meant.
    expect(removed.steps.at(-1)?.output).toContain('no such user');
    expect(await exists(user)).toBe(false);
  });

  it('a vendor password change with set-ssh-version 2, set-new-line-mode mac and noexpect: the new password logs in', async (context) => {
    const user = account(context);
    await createAccount(root, user, randomPassword());
    const password = randomPassword();
    const result = await run(vendorChangePassword, { USERNAME: user, NEW_PASSWORD: password });
    expect(result.ok, why(result)).toBe(true);
    expect(result.steps.map((step) => step.command).slice(0, 2)).toEqual([
      'set-ssh-version 2',
      'set-new-line-mode mac',
    ]);
    expect(await tryLogin(lab, user, { password })).toBe('ok');
  });

  it('loosely written lines run as the vendor reads them, a value in their quotes kept literal', async (context) => {
    const user = account(context);
    await createAccount(root, user, randomPassword());
    const value = `$(touch /tmp/${user}) \`id\` "q' \\ !!`;
    const result = await run(vendorLoose, { USERNAME: user, ADD_INFO: value });
    expect(result.ok, why(result)).toBe(true);
    expect(result.steps[2]?.output).toContain(`(${user})`);
    // The echo printed the value as it is (the expect on it passed), and nothing in it ran.
    expect(result.steps.map((step) => step.ok)).toEqual([true, true, true, true, true, true]);
    expect(existsSync(`/tmp/${user}`)).toBe(false);
  });

  it("the remove template's final check fails when the account is still there, at its line", async (context) => {
    const user = account(context);
    await createAccount(root, user, randomPassword());
    const result = await run(vendorCheckGone, { USERNAME: user });
    expect(result.failure).toMatchObject({ kind: 'target', line: 3 });
    expect(result.failure?.message).toContain(`matched the output: uid=`);
    expect(result.failure?.message).toContain(`(${user})`);
  });
});
