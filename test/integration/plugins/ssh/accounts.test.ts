// accountExists, accountMarkedBy and endSessions against the lab's real sshd: exec channels as root.

import { randomUUID } from 'node:crypto';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { managedMarker } from '../../../../electron/plugins/builtin-template';
import { randomPassword } from '../../../lab/secrets';
import {
  createAccount,
  endSession,
  jitName,
  q,
  removeAccount,
  rootClient,
  sessionClosed,
  sshClose,
  sshLab,
  sshRun,
  userSession,
} from './support';

describe.concurrent('SSH plugin: accountExists and endSessions', () => {
  const lab = sshLab();
  let root: Client;
  const request = (username: string) => ({ target: lab.target, login: lab.rootLogin, username });

  const account = async ({ onTestFinished }: TestContext): Promise<{ user: string; password: string }> => {
    const user = jitName();
    const password = randomPassword();
    onTestFinished(() => removeAccount(root, user));
    await createAccount(root, user, password);
    return { user, password };
  };

  beforeAll(async () => {
    root = await rootClient(lab);
  });
  afterAll(async () => {
    await sshClose(root);
  });

  it('accountExists: true for an account, false for a missing one', async () => {
    expect(await lab.plugin.accountExists(request('root'))).toBe(true);
    expect(await lab.plugin.accountExists(request(jitName()))).toBe(false);
  });

  it('accountMarkedBy: true only for the session named in the comment the creation template writes', async ({
    onTestFinished,
  }) => {
    const user = jitName();
    const session = randomUUID();
    onTestFinished(() => removeAccount(root, user));
    // As the built-in creation's first command leaves it when cut short before passwd: no password.
    await sshRun(root, `useradd -m -c ${q(`${managedMarker} ${session}`)} ${q(user)}`);
    expect(await lab.plugin.accountMarkedBy(request(user), session)).toBe(true);
    expect(await lab.plugin.accountMarkedBy(request(user), randomUUID())).toBe(false);
    expect(await lab.plugin.accountMarkedBy(request(user), session.slice(0, -1))).toBe(false);
    expect(await lab.plugin.accountMarkedBy(request('root'), session)).toBe(false);
    expect(await lab.plugin.accountMarkedBy(request(jitName()), session)).toBe(false);
    await expect(lab.plugin.accountMarkedBy(request('a b'), session)).rejects.toThrow(
      'is not a valid Linux user name',
    );
  });

  it('accountExists and endSessions validate the user name before anything is sent', async () => {
    for (const name of ['$(touch /tmp/x)', 'a b', '-r', ',', '0', 'nobody,root', '', 'x'.repeat(33)]) {
      await expect(lab.plugin.accountExists(request(name))).rejects.toThrow('is not a valid Linux user name');
      await expect(lab.plugin.endSessions(request(name))).rejects.toThrow('is not a valid Linux user name');
    }
  });

  it('a login failure is an error that does not quote the password', async () => {
    const password = `not-root's-${randomPassword()}`;
    const attempt = lab.plugin.accountExists({
      target: lab.target,
      login: { username: 'root', password },
      username: 'root',
    });
    const error = await attempt.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('authentication failed');
    expect((error as Error).message).not.toContain(password);
  });

  it('endSessions ends a live session: the connection closes and the count is returned', async (context) => {
    const { user, password } = await account(context);
    const session = await userSession(lab, user, { password });
    if (session === null) throw new Error('the user could not log in');
    try {
      // A long-running command in the session: what an operator's shell would be doing.
      session.exec('sleep 600', () => undefined);
      await sshRun(
        root,
        `timeout 10 sh -c 'until pgrep -u ${user} -x sleep >/dev/null; do sleep 0.05; done'`,
      );
      const ended = await lab.plugin.endSessions(request(user));
      expect(ended).toBeGreaterThanOrEqual(2); // at least sshd's session process and sleep
      await sessionClosed(session, 10_000);
      expect((await sshRun(root, `pgrep -c -u ${user} || true`)).trim()).toBe('0');
    } finally {
      await endSession(session);
    }
  });

  it('endSessions of an account without processes, or without an account, ends nothing', async (context) => {
    const { user } = await account(context);
    expect(await lab.plugin.endSessions(request(user))).toBe(0);
    expect(await lab.plugin.endSessions(request(jitName()))).toBe(0);
  });

  it('endSessions refuses uid 0 (it would end the server with the session)', async () => {
    await expect(lab.plugin.endSessions(request('root'))).rejects.toThrow(
      'exited 3: refusing to end the sessions of uid 0',
    );
  });

  it('honours the signal', async () => {
    const signal = AbortSignal.abort();
    // "…: canceled" from a new login, "Canceled while …" on a kept connection.
    await expect(lab.plugin.accountExists({ ...request('root'), signal })).rejects.toThrow(/canceled/i);
  });
});
