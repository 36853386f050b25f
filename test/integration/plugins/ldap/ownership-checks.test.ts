// accountLogsIn and accountEnabled against the lab's real slapd: the proof a rollback needs before
// it deletes an entry (it binds with the session's password), and the ppolicy lock an
// Enable/Disable session reads before it enables anything. uid compares case-insensitively.

import { describe, expect, it } from 'vitest';
import { ownershipChecks } from '../ownership-checks';
import * as lab from './support';

const { plugin } = lab;

describe('LDAP: ownership checks', () => {
  const { newAccount, logsIn, enabled } = ownershipChecks({
    ...lab,
    remove: lab.deleteEntries,
    templates: { create: 'ldap.create-entry', disable: 'ldap.disable-entry', enable: 'ldap.enable-entry' },
    noun: 'entry',
  });

  it('uid compares as the directory does: case does not count, as the plugin declares', async () => {
    const { name, password } = await newAccount();
    expect(plugin.accountNames.caseInsensitive).toBe(true);
    expect(await enabled(name.toUpperCase())).toBe(true);
    expect(await logsIn(name.toUpperCase(), password)).toBe(true);
  });
});
