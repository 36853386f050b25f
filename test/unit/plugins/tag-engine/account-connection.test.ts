// An account check's failure message is masked: the login's secrets, and for a login probe the
// account's own password (the session's), should a driver's error quote them.
import { describe, expect, it } from 'vitest';
import type { AccountLoginRequest } from '../../../../electron/plugins/plugin-runtime';
import { AccountCheckFailed, withAccountConnection } from '../../../../electron/plugins/tag-engine/accounts';

const request: AccountLoginRequest = {
  target: { host: '127.0.0.1', port: 389 },
  login: { username: 'cn=admin', password: 'login-Secret-1', passphrase: 'key-Phrase-2' },
  username: 'senseg1234567',
  password: 'session-Secret-3',
};
const connection = { destroy: () => undefined, close: () => Promise.resolve() };

describe('withAccountConnection', () => {
  it('masks every secret of the request in its failure, the probed password included', async () => {
    const failing = withAccountConnection(
      request,
      'binding as the entry',
      { open: () => Promise.resolve(connection) },
      () => Promise.reject(new Error(`bind failed: session-Secret-3 / login-Secret-1 / key-Phrase-2`)),
    );
    const error = await failing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccountCheckFailed);
    const message = (error as Error).message;
    expect(message).toContain('binding as the entry: bind failed');
    for (const secret of ['session-Secret-3', 'login-Secret-1', 'key-Phrase-2'])
      expect(message).not.toContain(secret);
  });
});
