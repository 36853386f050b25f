// accountLogsIn and accountEnabled against the lab's real slapd: the proof a rollback needs before
// it deletes an entry (it binds with the session's password), and the ppolicy lock an
// Enable/Disable session reads before it enables anything. uid compares case-insensitively.

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { randomPassword } from '../../../lab/secrets';
import {
  adminLogin,
  closeAdmin,
  deleteEntries,
  plugin,
  roundTripName,
  runTemplate,
  tagsFor,
  target,
} from './support';

const made: string[] = [];
afterEach(async () => {
  for (const name of made.splice(0)) await deleteEntries(name);
});
afterAll(closeAdmin);

async function newEntry(): Promise<{ name: string; password: string }> {
  const name = roundTripName();
  made.push(name);
  const tags = tagsFor(name);
  const created = await runTemplate('ldap.create-entry', tags);
  expect(created.failure).toBeNull();
  return { name, password: tags.NEW_PASSWORD ?? '' };
}

const request = (username: string) => ({ target: target(), login: adminLogin(), username });
const logsIn = (username: string, password: string) =>
  plugin.accountLogsIn({ ...request(username), password });
const enabled = (username: string) => plugin.accountEnabled(request(username));

describe('LDAP: ownership checks', () => {
  it('accountLogsIn: true with the password it was created with; false with another, or no such entry', async () => {
    const { name, password } = await newEntry();
    expect(await logsIn(name, password)).toBe(true);
    expect(await logsIn(name, randomPassword())).toBe(false);
    expect(await logsIn(roundTripName(), password)).toBe(false);
  });

  it('accountEnabled follows the built-in disable and enable; a locked entry does not bind either', async () => {
    const { name, password } = await newEntry();
    expect(await enabled(name)).toBe(true);
    expect((await runTemplate('ldap.disable-entry', tagsFor(name))).failure).toBeNull();
    expect(await enabled(name)).toBe(false);
    expect(await logsIn(name, password)).toBe(false);
    expect((await runTemplate('ldap.enable-entry', tagsFor(name))).failure).toBeNull();
    expect(await enabled(name)).toBe(true);
    expect(await enabled(roundTripName())).toBe(false);
  });

  it('uid compares as the directory does: case does not count, as the plugin declares', async () => {
    const { name, password } = await newEntry();
    expect(plugin.accountNames.caseInsensitive).toBe(true);
    expect(await enabled(name.toUpperCase())).toBe(true);
    expect(await logsIn(name.toUpperCase(), password)).toBe(true);
  });
});
