// accountLogsIn and accountEnabled against the lab's real PostgreSQL: the proof a rollback needs
// before it drops a role (the role logs in with the session's password), and the login state an
// Enable/Disable session reads before it enables anything (LOGIN and VALID UNTIL).

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { randomPassword } from '../../../lab/secrets';
import {
  adminLogin,
  closeAdmin,
  dropRole,
  plugin,
  roundTripName,
  runTemplate,
  tagsFor,
  target,
} from './support';

const made: string[] = [];
afterEach(async () => {
  for (const name of made.splice(0)) await dropRole(name);
});
afterAll(closeAdmin);

async function newRole(): Promise<{ name: string; password: string }> {
  const name = roundTripName();
  made.push(name);
  const tags = tagsFor(name);
  const created = await runTemplate('postgresql.create-role', tags);
  expect(created.failure).toBeNull();
  return { name, password: tags.NEW_PASSWORD ?? '' };
}

const request = (username: string) => ({ target: target(), login: adminLogin(), username });
const logsIn = (username: string, password: string) =>
  plugin.accountLogsIn({ ...request(username), password });
const enabled = (username: string) => plugin.accountEnabled(request(username));

describe('PostgreSQL: ownership checks', () => {
  it('accountLogsIn: true with the password it was created with; false with another, or no such role', async () => {
    const { name, password } = await newRole();
    expect(await logsIn(name, password)).toBe(true);
    expect(await logsIn(name, randomPassword())).toBe(false);
    expect(await logsIn(roundTripName(), password)).toBe(false);
  });

  it('accountEnabled follows the built-in disable and enable; a disabled role does not log in either', async () => {
    const { name, password } = await newRole();
    expect(await enabled(name)).toBe(true);
    expect((await runTemplate('postgresql.disable-role', tagsFor(name))).failure).toBeNull();
    expect(await enabled(name)).toBe(false);
    expect(await logsIn(name, password)).toBe(false);
    expect((await runTemplate('postgresql.enable-role', tagsFor(name))).failure).toBeNull();
    expect(await enabled(name)).toBe(true);
    expect(await enabled(roundTripName())).toBe(false);
  });

  it('a role past its VALID UNTIL counts as disabled', async () => {
    const { name } = await newRole();
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
