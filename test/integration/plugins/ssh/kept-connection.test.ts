// The connection a run leaves for the checks that follow it (a cleanup's endSessions and
// accountExists), against the lab's real sshd. Logins are counted by the host key check, which
// ssh2 calls once per connection.

import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshPlugin } from '../../../../electron/plugins/ssh';
import { randomPassword } from '../../../lab/secrets';
import { ed25519KeyPair } from '../../../support/ssh-key-pair';
import { createAccount, firstPrompt, jitName, removeAccount, rootClient, sshClose, sshLab } from './support';

describe('SSH plugin: the connection kept after a run', () => {
  const lab = sshLab();
  let root: Client;
  const expectedKey = Buffer.from(lab.hostPublicKey.split(/\s+/)[1] ?? '', 'base64');

  /** A plugin of its own (nothing kept by another test), and how many logins it has made. */
  const counted = (): { plugin: SshPlugin; logins: () => number } => {
    let logins = 0;
    const plugin = new SshPlugin({
      // Longer than any test here: what is kept or not never depends on how fast the machine is.
      keptConnectionMs: 120_000,
      hostKeyCheck: (_target, key) => {
        logins++;
        return key.equals(expectedKey);
      },
    });
    return { plugin, logins: () => logins };
  };
  const request = (username: string) => ({ target: lab.target, login: lab.rootLogin, username });
  const run = (plugin: SshPlugin, template: string) =>
    plugin.run({ template: `${firstPrompt}${template}`, tags: {}, target: lab.target, login: lab.rootLogin });

  beforeAll(async () => {
    root = await rootClient(lab);
  });
  afterAll(async () => {
    await sshClose(root);
  });

  it('after a run that went as planned, the checks reuse its login', async ({ onTestFinished }) => {
    const user = jitName();
    onTestFinished(() => removeAccount(root, user));
    await createAccount(root, user, randomPassword());
    const { plugin, logins } = counted();
    onTestFinished(() => plugin.closeKeptConnections());
    const result = await run(plugin, 'exec "true"\nexpect "*#"');
    expect(result.ok).toBe(true);
    expect(logins()).toBe(1);
    expect(await plugin.endSessions(request(user))).toBe(0);
    expect(await plugin.accountExists(request(user))).toBe(true);
    expect(await plugin.accountExists(request(jitName()))).toBe(false);
    expect(logins()).toBe(1);
  });

  it('a failed run leaves nothing kept: the next check logs in again', async ({ onTestFinished }) => {
    const { plugin, logins } = counted();
    onTestFinished(() => plugin.closeKeptConnections());
    const result = await run(plugin, 'set-read-timeout 1\nexec "true"\nexpect "never printed"');
    expect(result.ok).toBe(false);
    expect(await plugin.accountExists(request('root'))).toBe(true);
    expect(logins()).toBe(2);
  });

  it('another login, or the same one with another secret, never takes the kept connection', async ({
    onTestFinished,
  }) => {
    const { plugin, logins } = counted();
    onTestFinished(() => plugin.closeKeptConnections());
    expect((await run(plugin, 'exec "true"\nexpect "*#"')).ok).toBe(true);
    // A key root does not accept (quicker to refuse than a wrong password).
    const wrong = plugin.accountExists({
      target: lab.target,
      login: { username: 'root', privateKey: ed25519KeyPair().private },
      username: 'root',
    });
    await expect(wrong).rejects.toThrow('authentication failed');
    expect(logins()).toBe(2);
    const nobody = plugin.accountExists({
      target: lab.target,
      login: { ...lab.rootLogin, username: 'nobody' },
      username: 'root',
    });
    await expect(nobody).rejects.toThrow('authentication failed');
    expect(logins()).toBe(3);
    // The root login's own connection is still kept for it.
    expect(await plugin.accountExists(request('root'))).toBe(true);
    expect(logins()).toBe(3);
  });

  it('closeKeptConnections (Lock, quit) closes it, and a run under way when it came is not kept', async () => {
    const { plugin, logins } = counted();
    expect((await run(plugin, 'exec "true"\nexpect "*#"')).ok).toBe(true);
    await plugin.closeKeptConnections();
    expect(await plugin.accountExists(request('root'))).toBe(true);
    expect(logins()).toBe(2);
    await plugin.closeKeptConnections();
    const running = run(plugin, 'exec "sleep 0.5"\nexpect "*#"');
    // Wait until the run has logged in, then Lock while its shell is still busy.
    await expect.poll(logins).toBe(3);
    await plugin.closeKeptConnections();
    expect((await running).ok).toBe(true);
    expect(await plugin.accountExists(request('root'))).toBe(true);
    expect(logins()).toBe(4);
    await plugin.closeKeptConnections();
  });
});
