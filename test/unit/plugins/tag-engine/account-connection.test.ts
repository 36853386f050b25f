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

describe('withAccountConnection with a kept connection', () => {
  /** A connection that records what happened to it. */
  const recorded = (name: string) => {
    const events: string[] = [];
    return {
      name,
      events,
      destroy: () => void events.push('destroy'),
      close: () => {
        events.push('close');
        return Promise.resolve();
      },
      reset: () => Promise.resolve(true),
      alive: () => true,
      hold: () => undefined,
    };
  };
  type Recorded = ReturnType<typeof recorded>;
  /** A linger holding `kept` (once), and what is parked back. */
  const lingerWith = (kept: Recorded | undefined) => {
    const parked: string[] = [];
    let held = kept;
    return {
      parked,
      linger: {
        generation: 0,
        take: () => {
          const taken = held;
          held = undefined;
          return Promise.resolve(taken);
        },
        park: (_key: string, connection: Recorded) => {
          parked.push(connection.name);
          return Promise.resolve();
        },
      },
    };
  };

  it('uses the kept connection, and keeps it again', async () => {
    const kept = recorded('kept');
    const { linger, parked } = lingerWith(kept);
    const used: string[] = [];
    const answer = await withAccountConnection<Recorded, number>(
      request,
      'checking',
      { linger, open: () => Promise.reject(new Error('no new login expected')) },
      (c) => {
        used.push(c.name);
        return Promise.resolve(42);
      },
    );
    expect([answer, used, parked]).toEqual([42, ['kept'], ['kept']]);
  });

  it('a kept connection that fails (the target dropped it) is closed, and a new login tries once more', async () => {
    const kept = recorded('kept');
    const fresh = recorded('fresh');
    const { linger, parked } = lingerWith(kept);
    const used: string[] = [];
    const answer = await withAccountConnection(
      request,
      'checking',
      { linger, open: () => Promise.resolve(fresh) },
      (c) => {
        used.push(c.name);
        return c === kept ? Promise.reject(new Error('channel open failure')) : Promise.resolve('ok');
      },
    );
    expect([answer, used, kept.events, parked]).toEqual(['ok', ['kept', 'fresh'], ['close'], ['fresh']]);
  });

  it('the new login fails too: the failure is the second one, masked', async () => {
    const { linger } = lingerWith(recorded('kept'));
    const fresh = recorded('fresh');
    const error = await withAccountConnection(
      request,
      'checking',
      { linger, open: () => Promise.resolve(fresh) },
      (c) => Promise.reject(new Error(`${c.name} failed with login-Secret-1`)),
    ).catch((e: unknown) => e);
    expect((error as Error).message).toBe('checking: fresh failed with ******');
    expect(fresh.events).toEqual(['close']);
  });

  it('a canceled check is not tried again', async () => {
    const { linger } = lingerWith(recorded('kept'));
    const controller = new AbortController();
    let opened = 0;
    const error = await withAccountConnection(
      { ...request, signal: controller.signal },
      'checking',
      {
        linger,
        open: () => {
          opened++;
          return Promise.resolve(recorded('fresh'));
        },
      },
      () => {
        controller.abort();
        return new Promise<never>(() => undefined);
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccountCheckFailed);
    expect((error as Error).message).toBe('checking: Canceled while checking');
    expect(opened).toBe(0);
  });
});
