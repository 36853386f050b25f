// Logging in with an SSH key against the lab's real sshd, whose root logs in by key only
// (PermitRootLogin prohibit-password): a built-in run as root with an encrypted key and its
// passphrase, and a built-in run as another account refused at once for not being root.

import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyErrors } from '../../../../electron/services/credentials/private-key';
import { runCommand } from '../../../lab/run-command';
import { randomPassword } from '../../../lab/secrets';
import { makeTempDir } from '../../../support/temp-dir';
import {
  authorizeKey,
  createAccount,
  jitName,
  newKeyPair,
  removeAccount,
  rootClient,
  sessionTags,
  sshClose,
  sshLab,
  template,
  why,
} from './support';

describe('SSH logins with a private key on a real sshd', () => {
  const lab = sshLab();
  let root: Client;
  const temp = makeTempDir('jit-key-');
  const passphrase = randomPassword(20);
  let encryptedRootKey = '';

  beforeAll(async () => {
    root = await rootClient(lab);
    // The lab's root key, encrypted with a passphrase as an administrator's key usually is.
    const path = join(temp.path, 'root_key');
    await writeFile(path, lab.ssh.privateKey, { mode: 0o600 });
    await chmod(path, 0o600);
    await runCommand('ssh-keygen', ['-q', '-p', '-P', '', '-N', passphrase, '-f', path]);
    encryptedRootKey = await readFile(path, 'utf8');
  });
  afterAll(async () => {
    await sshClose(root);
    temp.remove();
  });

  it('runs the built-in create and delete as root with an encrypted key and its passphrase, no password', async () => {
    // What Save checks first: the key needs its passphrase, and opens with it.
    expect(keyErrors({ action: 'set', privateKey: encryptedRootKey, passphrase: '' })).toMatchObject([
      { field: 'keyPassphrase' },
    ]);
    expect(keyErrors({ action: 'set', privateKey: encryptedRootKey, passphrase })).toEqual([]);

    const user = jitName();
    const login = { username: 'root', privateKey: encryptedRootKey, passphrase };
    const tags = sessionTags(user);
    try {
      const create = await lab.plugin.run({
        template: template('ssh-linux-jit-create'),
        tags,
        target: lab.target,
        login,
      });
      expect(create.ok, why(create)).toBe(true);
      expect(await lab.plugin.accountExists({ target: lab.target, login, username: user })).toBe(true);
      // Neither the key, a line of it, nor the passphrase is in anything the run reports.
      const reported = JSON.stringify(create);
      expect(reported).not.toContain(passphrase);
      expect(reported).not.toContain(encryptedRootKey.split('\n')[2]);

      const remove = await lab.plugin.run({
        template: template('ssh-linux-jit-delete'),
        tags,
        target: lab.target,
        login,
      });
      expect(remove.ok, why(remove)).toBe(true);
      expect(await lab.plugin.accountExists({ target: lab.target, login, username: user })).toBe(false);
    } finally {
      await removeAccount(root, user);
    }
  });

  it('a wrong passphrase fails at the connection, naming no secret', async () => {
    const result = await lab.plugin.run({
      template: template('ssh-linux-jit-create'),
      tags: sessionTags(jitName()),
      target: lab.target,
      login: { username: 'root', privateKey: encryptedRootKey, passphrase: 'not-the-passphrase' },
    });
    expect(result.ok).toBe(false);
    expect(result.failure?.kind).toBe('connect');
    expect(JSON.stringify(result)).not.toContain(passphrase);
  });

  it('a built-in run as an account that is not root fails at once, saying so', async () => {
    const ops = jitName();
    const key = newKeyPair();
    await createAccount(root, ops, randomPassword());
    try {
      await authorizeKey(root, ops, key.publicKey);
      const target = jitName();
      const started = Date.now();
      const result = await lab.plugin.run({
        template: template('ssh-linux-jit-create'),
        tags: sessionTags(target),
        target: lab.target,
        login: { username: ops, privateKey: key.privateKey },
      });
      expect(result.ok).toBe(false);
      expect(result.failure).toMatchObject({
        kind: 'target',
        message: expect.stringContaining(
          `logged in as ${ops}, not root: use the sudo form or a root credential`,
        ) as string,
      });
      expect(result.failure?.message).not.toContain('command not found');
      // At the first prompt, well before the template's 30 s wait for it.
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      await removeAccount(root, ops);
    }
  });
});
