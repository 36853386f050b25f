// The LDAP plugin keeps the connection of a successful run for a few seconds, bound as the
// authentication credential, for the account checks that follow (ConnectionLinger). Lock of the
// vault and quit close it, as they close the SQL plugins' kept connections (attack review: the
// LDAP plugin had no closeKeptConnections, so its bound connection outlived Lock and quit).

import { describe, expect, it } from 'vitest';
import { ldapConnections } from '../../../../electron/plugins/ldap/connection';
import { lingerKey } from '../../../../electron/plugins/tag-engine';
import { adminLogin, plugin, target } from './support';

const run = () =>
  plugin.run({
    template: 'set-option LDAP_OPT_REFERRALS 0\n',
    tags: {},
    target: target(),
    login: adminLogin(),
  });

describe('LDAP kept connection', () => {
  it('is kept bound after a successful run, and closed when the plugin is asked to (vault Lock, quit)', async () => {
    const key = lingerKey(target(), adminLogin());
    expect((await run()).failure).toBeNull();
    const kept = await ldapConnections.take(key);
    expect(kept?.bound).toBe(adminLogin().username);
    await kept?.close();

    expect((await run()).failure).toBeNull();
    await plugin.closeKeptConnections?.();
    expect(await ldapConnections.take(key)).toBeUndefined();
  });
});
