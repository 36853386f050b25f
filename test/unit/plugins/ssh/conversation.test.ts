// The interpreter against an in-memory terminal: matching, echo, timeouts, masking, cancel.
// The same behaviour against a real sshd is in test/integration/plugins/ssh/.
import { describe, expect, it } from 'vitest';
import { converse, type ConversationOptions } from '../../../../electron/plugins/ssh/template/conversation';
import { parseTemplate } from '../../../../electron/plugins/ssh/template/parser';
import { substitute } from '../../../../electron/plugins/ssh/template/substitute';
import { Masker } from '../../../../electron/plugins/tag-engine';
import type { RunStep } from '../../../../electron/plugins/plugin-runtime';
import { FakeTerminal, idFor, passwd, type Program } from './fake-terminal';

const password = 'Tr0ub4dor&3';
const tags = { USERNAME: 'alice', NEW_PASSWORD: password };

async function run(template: string, terminal: FakeTerminal, options: Partial<ConversationOptions> = {}) {
  const parsed = parseTemplate(template);
  expect(parsed.problems).toEqual([]);
  const prepared = substitute(parsed.commands, tags);
  if (!prepared.ok) throw new Error(prepared.refusal.message);
  const started = Date.now();
  const result = await converse(terminal, prepared.steps, {
    readTimeoutMs: 2000,
    masker: new Masker(prepared.secrets),
    ...options,
  });
  return { ...result, ms: Date.now() - started };
}

const echo: Program = (args, terminal) => terminal.print(`${args}\r\n`);
const noop: Program = () => undefined;

const vendorCreate = `expect "*$"
exec "useradd -m [#USERNAME#]"
expect "*$"
exec "passwd [#USERNAME#]"
expect "*password:"
exec "[#NEW_PASSWORD#]"
expect "*password:"
exec "[#NEW_PASSWORD#]"
expect "*updated successfully*"
`;

const vendorRemove = `expect "*$"
exec "userdel -r [#USERNAME#]"
expect "*$"
exec "id [#USERNAME#]"
no-expect "*[#USERNAME#]"
`;

describe('the SSH conversation', () => {
  it('runs a vendor-style create (expect "*$" against a root # prompt, passwd prompts)', async () => {
    const terminal = new FakeTerminal({ programs: { useradd: noop, passwd } });
    const result = await run(vendorCreate, terminal);
    expect(result.failure).toBeNull();
    expect(terminal.typed).toEqual([
      'useradd -m alice\n',
      'passwd alice\n',
      `${password}\n`,
      `${password}\n`,
    ]);
    expect(result.steps.map((s) => [s.line, s.ok])).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9].map((line) => [line, true]),
    );
    expect(JSON.stringify(result.steps)).not.toContain(password);
    expect(result.steps[4]?.output).toBe('New password: ');
    expect(result.steps[6]?.output).toBe('\nRetype new password: ');
  });

  it('runs a vendor-style remove: id of a missing user mentions it only in its diagnostic', async () => {
    const terminal = new FakeTerminal({ programs: { userdel: noop, id: idFor([]) } });
    const result = await run(vendorRemove, terminal);
    expect(result.failure).toBeNull();
    expect(result.steps[4]?.output).toBe("id: '…': no such user\nroot@vm:~# ");
  });

  it('fails the remove at the no-expect line when the user is still there', async () => {
    const terminal = new FakeTerminal({ programs: { userdel: noop, id: idFor(['alice']) } });
    const { failure } = await run(vendorRemove, terminal);
    expect(failure).toMatchObject({ kind: 'target', line: 5 });
    expect(failure?.message).toBe(
      'Line 5: no-expect "*alice" matched the output: uid=1001(alice) gid=1001(alice) groups=1001(alice)',
    );
    expect(failure?.outputTail).toContain('uid=1001(alice)');
  });

  it('runs the product example with expect-regex prompts', async () => {
    const terminal = new FakeTerminal({ programs: { useradd: noop, passwd } });
    const template = `set-read-timeout 5
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
exec "never sent"`;
    const result = await run(template, terminal);
    expect(result.failure).toBeNull();
    expect(terminal.typed.at(-1)).toBe('exit\n');
    expect(result.steps.at(-1)).toMatchObject({ line: 12, command: 'end', ok: true });
  });

  it('fails an expect with its line and a masked output tail when the prompt is back without a match', async () => {
    const terminal = new FakeTerminal({ programs: { echo } });
    const template =
      'expect "*#"\n# the command prints the password\nexec "echo [#NEW_PASSWORD#]"\nexpect "*never printed*"';
    const { failure, ms } = await run(template, terminal, { readTimeoutMs: 300 });
    expect(failure).toMatchObject({ kind: 'target', line: 4 });
    expect(failure?.message).toBe(
      'Line 4: expect "*never printed*" did not match within 0.3 s (the command finished: the shell prompt is back)',
    );
    expect(failure?.outputTail).toContain('******');
    expect(JSON.stringify(failure)).not.toContain(password);
    expect(ms).toBeGreaterThanOrEqual(290);
  });

  it('reports a timeout when the command is still running', async () => {
    const terminal = new FakeTerminal({ programs: { hang: () => new Promise<void>(() => undefined) } });
    const { failure } = await run('exec "hang"\nexpect "*done*"', terminal, { readTimeoutMs: 200 });
    expect(failure).toMatchObject({
      kind: 'timeout',
      line: 2,
      message: 'Line 2: expect "*done*" did not match within 0.2 s',
    });
  });

  it('fails at once when the server closes the connection during an expect', async () => {
    const terminal = new FakeTerminal();
    const { failure, ms } = await run('expect "*#"\nexec "exit"\nexpect "*#"', terminal, {
      readTimeoutMs: 5000,
    });
    expect(failure).toMatchObject({ kind: 'target', line: 3 });
    expect(failure?.message).toContain('the connection closed before expect "*#" matched');
    expect(ms).toBeLessThan(1000);
  });

  it('refuses to type into a closed connection', async () => {
    const terminal = new FakeTerminal();
    terminal.hangUp();
    const { failure } = await run('sleep 0.05\nexec "id"', terminal);
    expect(failure).toMatchObject({ kind: 'target', line: 2 });
  });

  it('is canceled by the signal, also in the middle of a wait', async () => {
    const controller = new AbortController();
    const terminal = new FakeTerminal();
    setTimeout(() => controller.abort(), 50);
    const { failure, ms } = await run('expect "*#"\nexpect "*never*"', terminal, {
      signal: controller.signal,
      readTimeoutMs: 5000,
    });
    expect(failure).toMatchObject({ kind: 'canceled', line: 2 });
    expect(ms).toBeLessThan(1000);
    const sleeping = await run('sleep 30', new FakeTerminal(), { signal: AbortSignal.timeout(30) });
    expect(sleeping.failure).toMatchObject({ kind: 'canceled', line: 1 });
  });

  it('decides a no-expect after a quiet period when no prompt sign shows the end', async () => {
    const terminal = new FakeTerminal({ prompt: 'ready: ', programs: { echo } });
    const { failure, ms } = await run(
      'exec "echo hello"\nno-expect "*bye*"\nexec "echo bye"\nno-expect "*bye*"',
      terminal,
      {
        quietMs: 100,
      },
    );
    expect(failure).toMatchObject({ kind: 'target', line: 4 });
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(1500);
  });

  it('set-read-timeout applies from its line on', async () => {
    const terminal = new FakeTerminal();
    const { failure } = await run('expect "*#"\nset-read-timeout 0.1\nexpect "*never*"', terminal, {
      readTimeoutMs: 10_000,
    });
    expect(failure?.message).toContain('within 0.1 s');
  });

  it('reports each step as it finishes, masked', async () => {
    const seen: RunStep[] = [];
    const terminal = new FakeTerminal({ programs: { useradd: noop, passwd } });
    await run(vendorCreate, terminal, { onStep: (step) => seen.push(step) });
    expect(seen.map((s) => s.command)).toContain('exec "******"');
    expect(seen).toHaveLength(9);
  });

  it('fails at once, naming the user, when a root prompt is expected and a $ prompt shows', async () => {
    const useradd: Program = (_args, terminal) => terminal.print('bash: useradd: command not found\r\n');
    const terminal = new FakeTerminal({ prompt: '\u001b[?2004halice@vm:~$ ', programs: { useradd } });
    const template = 'set-read-timeout 30\nexpect "*#"\nexec "useradd [#USERNAME#]"\nexpect "*#"\n';
    const result = await run(template, terminal, { loginUser: 'ops' });
    expect(result.failure).toMatchObject({
      kind: 'target',
      line: 2,
      message: 'Line 2: logged in as ops, not root: use the sudo form or a root credential',
    });
    // At once, not at the 30 s read timeout, and nothing was typed.
    expect(result.ms).toBeLessThan(5000);
    expect(terminal.typed).toEqual([]);
  });

  it('checks the login prompt only: a root prompt still runs, and $ later in the output is no refusal', async () => {
    const terminal = new FakeTerminal({ programs: { echo } });
    const template = 'expect "*#"\nexec "echo cost: 5$"\nexpect "*#"\n';
    const result = await run(template, terminal, { loginUser: 'root' });
    expect(result.failure).toBeNull();
  });
});
