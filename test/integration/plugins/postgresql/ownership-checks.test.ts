// accountLogsIn and accountEnabled against the lab's real PostgreSQL: the proof a rollback needs
// before it drops a role (the role logs in with the session's password), and the login state an
// Enable/Disable session reads before it enables anything (LOGIN and VALID UNTIL).

import { describe, expect, it } from 'vitest';
import { randomPassword } from '../../../lab/secrets';
import { ownershipChecks } from '../ownership-checks';
import * as lab from './support';

const { plugin, adminLogin, tagsFor, runTemplate } = lab;

describe('PostgreSQL: ownership checks', () => {
  const { newAccount, enabled } = ownershipChecks({
    ...lab,
    remove: lab.dropRole,
    templates: {
      create: 'postgresql.create-role',
      disable: 'postgresql.disable-role',
      enable: 'postgresql.enable-role',
    },
    noun: 'role',
  });

  it('a role past its VALID UNTIL counts as disabled', async () => {
    const { name } = await newAccount();
    const past = { ...tagsFor(name), EXPIRATION: '2000-01-01T00:00:00.000Z' };
    expect((await runTemplate('postgresql.enable-role', past)).failure).toBeNull();
    expect(await enabled(name)).toBe(false);
  });

  it('an unreachable server is an error (not a refusal), and it never quotes the password', async () => {
    const password = randomPassword();
    const error: unknown = await plugin
      .accountLogsIn({ target: { host: '127.0.0.1', port: 1 }, login: adminLogin(), username: 'x', password })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^logging in as the account: /);
    expect((error as Error).message).not.toContain(password);
  });
});
