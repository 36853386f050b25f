// What the plugin decides before any connection: refusals, their messages, masking. Nothing here
// reaches an SSH server (the closed port is only to see a connect failure come back as a value).
import { describe, expect, it } from 'vitest';
import { parseEndedCount } from '../../../../electron/plugins/ssh/account-commands';
import { SshPlugin } from '../../../../electron/plugins/ssh/ssh-plugin';
import { Refusal } from '../../../../electron/plugins/tag-engine';

const plugin = new SshPlugin();
// Port 1 on loopback: nothing listens, the connection is refused at once.
const nowhere = { host: '127.0.0.1', port: 1 };
const login = { username: 'root', password: 'login-Secret-1' };

describe('SshPlugin before connecting', () => {
  it('refuses a template with problems, naming the first one with its line and column', async () => {
    const result = await plugin.run({
      template: 'exec "id"\nexpect-regex "/open',
      tags: {},
      target: nowhere,
      login,
    });
    expect(result).toMatchObject({
      ok: false,
      steps: [],
      failure: { kind: 'refused', line: 2, outputTail: '' },
    });
    expect(result.failure?.message).toBe('Line 2, column 14: Unterminated string: add the closing "');
  });

  it('runs a template whose only findings are warnings (it gets as far as connecting)', async () => {
    const result = await plugin.run({ template: 'expect "*]\nexec clish', tags: {}, target: nowhere, login });
    expect(result.failure?.kind).toBe('connect');
  });

  it('refuses a value, with the tag and its position, and never the value', async () => {
    const secret = 'pw\nreboot';
    const result = await plugin.run({
      template: 'expect "*#"\nexec "[#NEW_PASSWORD#]"',
      tags: { NEW_PASSWORD: secret },
      target: nowhere,
      login,
    });
    expect(result.failure).toMatchObject({ kind: 'refused', line: 2 });
    expect(result.failure?.message).toMatch(
      /^Line 2, column 7: The value of \[#NEW_PASSWORD#\] contains a line break/,
    );
    expect(JSON.stringify(result)).not.toContain('reboot');
  });

  it('returns a failed connection as a value, with the login password masked', async () => {
    const result = await plugin.run({
      template: 'exec "id"',
      tags: {},
      target: nowhere,
      login,
      timeouts: { connectSeconds: 2 },
    });
    expect(result.failure).toMatchObject({ kind: 'connect', line: null });
    expect(result.failure?.message).toContain('root@127.0.0.1:1');
    expect(JSON.stringify(result)).not.toContain(login.password);
  });

  it('is canceled before connecting when the signal has already fired', async () => {
    const result = await plugin.run({
      template: 'exec "id"',
      tags: {},
      target: nowhere,
      login,
      signal: AbortSignal.abort(),
    });
    expect(result.failure).toMatchObject({ kind: 'canceled' });
  });

  it('refuses an invalid account name for accountExists and endSessions (a rejected promise)', async () => {
    await expect(plugin.accountExists({ target: nowhere, login, username: 'a;b' })).rejects.toBeInstanceOf(
      Refusal,
    );
    await expect(plugin.endSessions({ target: nowhere, login, username: '-u0' })).rejects.toThrow(
      '"-u0" is not a valid Linux user name',
    );
  });

  it('refuses names pkill would read as root (a list with an empty name, a uid)', async () => {
    for (const username of [',', '0', 'nobody,root', 'x,']) {
      await expect(plugin.endSessions({ target: nowhere, login, username })).rejects.toBeInstanceOf(Refusal);
    }
  });

  it('reads the count endSessions prints', () => {
    expect(parseEndedCount('ended=3\n')).toBe(3);
    expect(parseEndedCount('noise\nended=0\n')).toBe(0);
    expect(parseEndedCount('')).toBeNull();
  });
});
