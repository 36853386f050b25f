// How runs fail against the real sshd: the failing line, the masked output tail, refusals before
// connecting, a server that drops the connection, cancellation.

import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { randomPassword } from '../../../lab/secrets';
import {
  authorizeKey,
  createAccount,
  firstPrompt,
  jitName,
  newKeyPair,
  removeAccount,
  rootClient,
  sshClose,
  sshLab,
  sshRun,
} from './support';

describe.concurrent('SSH plugin failures', () => {
  const lab = sshLab();
  let root: Client;
  const password = `pw-${randomPassword()}`;
  const run = (template: string, tags: Record<string, string> = {}, extra: { signal?: AbortSignal } = {}) =>
    lab.plugin.run({ template, tags, target: lab.target, login: lab.rootLogin, ...extra });

  beforeAll(async () => {
    root = await rootClient(lab);
  });
  afterAll(async () => {
    await sshClose(root);
  });

  it('a failed expect names its line and quotes the output tail with the password masked', async () => {
    // Lines 1-3: the first prompt (support.ts).
    const template = `${firstPrompt}set-read-timeout 1
# the password appears in the echo and in the output
exec "echo [#NEW_PASSWORD#]; echo [#NEW_PASSWORD#] >&2"
expect "*this never appears*"
exec "never sent"`;
    const result = await run(template, { NEW_PASSWORD: password });
    expect(result.failure).toMatchObject({ kind: 'target', line: 7 });
    expect(result.failure?.message).toBe(
      'Line 7: expect "*this never appears*" did not match within 1 s (the command finished: the shell prompt is back)',
    );
    expect(result.failure?.outputTail).toMatch(/\*\*\*\*\*\*\n\*\*\*\*\*\*\nroot@[^\n]*# $/);
    expect(result.steps.map((s) => [s.line, s.ok])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, true],
      [6, true],
      [7, false],
    ]);
    expect(JSON.stringify(result)).not.toContain(password);
  });

  it('a command still running at the read timeout is a timeout', async () => {
    const result = await run(`${firstPrompt}set-read-timeout 0.5\nexec "sleep 5"\nexpect "*#"`);
    expect(result.failure).toMatchObject({ kind: 'timeout', line: 6 });
  });

  it('refuses a template with syntax errors or unknown tags before connecting', async () => {
    const syntax = await run('expect "*#"\nexecute "id"');
    expect(syntax.failure).toMatchObject({ kind: 'refused', line: 2 });
    expect(syntax.failure?.message).toContain('Line 2, column 1: Unknown command "execute"');
    const tag = await run('exec "id [#USERNAM#]"', { USERNAME: 'x' });
    expect(tag.failure).toMatchObject({ kind: 'refused', line: 1 });
    const value = await run('exec "[#NEW_PASSWORD#]"', { NEW_PASSWORD: `${password}\nreboot` });
    expect(value.failure).toMatchObject({ kind: 'refused', line: 1 });
    expect(JSON.stringify(value)).not.toContain(password);
    for (const result of [syntax, tag, value]) expect(result.steps).toEqual([]);
  });

  it('the server closing the shell mid-run fails at once at the waiting line', async () => {
    const started = Date.now();
    const result = await run('set-read-timeout 30\nexpect "*#"\nexec "exit"\nexpect "*#"');
    expect(result.failure).toMatchObject({ kind: 'target', line: 4 });
    expect(result.failure?.message).toContain('the connection closed');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a login the server drops without an error (an expired account) is a connect failure', async ({
    onTestFinished,
  }: TestContext) => {
    const user = jitName();
    onTestFinished(() => removeAccount(root, user));
    await createAccount(root, user, randomPassword());
    const key = newKeyPair();
    await authorizeKey(root, user, key.publicKey);
    await sshRun(root, `usermod -e 1 ${user}`);
    const result = await lab.plugin.run({
      template: 'exec "id"',
      tags: {},
      target: lab.target,
      login: { username: user, privateKey: key.privateKey },
    });
    expect(result.failure).toMatchObject({ kind: 'connect', line: null });
    expect(result.steps).toEqual([]);
  });

  it('a wrong password is a connect failure that does not quote it', async () => {
    const result = await lab.plugin.run({
      template: 'exec "id"',
      tags: {},
      target: lab.target,
      login: { username: 'root', password },
    });
    expect(result.failure?.kind).toBe('connect');
    expect(result.failure?.message).toContain('authentication failed');
    expect(JSON.stringify(result)).not.toContain(password);
  });

  it('is canceled by the signal in the middle of a run, and closes the connection', async () => {
    const controller = new AbortController();
    const steps: number[] = [];
    const running = lab.plugin.run({
      template: `${firstPrompt}sleep 30\nexec "id"`,
      tags: {},
      target: lab.target,
      login: lab.rootLogin,
      signal: controller.signal,
      onStep: (step) => {
        steps.push(step.line);
        // Once the shell is up (line 2 matched its prompt): abort in the middle of the sleep.
        if (step.line === 2) setTimeout(() => controller.abort(), 50);
      },
    });
    const result = await running;
    expect(result.failure).toMatchObject({ kind: 'canceled', line: 4 });
    expect(result.durationMs).toBeLessThan(40_000);
    expect(steps).toEqual([1, 2, 3, 4]);
  });
});
