// The JIT lifecycle against a scripted target: every transition, the per-account count of
// Enable/Disable sessions, the refusal of an account that is not ours, the rollback of a
// half-succeeded creation, retries then Needs attention, the sweep from each state, force close
// and the maximum length.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionSecretRef } from '../../../electron/lifecycle/session-lifecycle';
import type { AccountRequest } from '../../../electron/plugins/plugin-runtime';
import { appStoppedActor, maxLengthActor, type Session } from '../../../shared/domain/session';
import { CREATE, ENABLE, ENABLE_TWIN, makeWorld, stateOf, until, type World } from './lifecycle-harness';

let world: World;
beforeEach(() => {
  world = makeWorld();
});
afterEach(async () => {
  await world.close();
});

const statesOf = (id: string) => world.changes.filter((s) => s.id === id).map((s) => s.state);
const settled = (id: string, state: Session['state']) =>
  until(() => stateOf(world, id) === state, `session ${id} ${state}`);

describe('Creation and deletion', () => {
  it('creates a generated account with a stored password, then deletes it and verifies', async () => {
    const started = await world.lifecycle.start(CREATE, 'alice');
    expect(started.state).toBe('requested');
    expect(started.account).toMatch(/^senseg\d{7}$/);
    expect(started.expiresAt).toBe('2026-12-01T11:00:00.000Z');
    await settled(started.id, 'active');
    const password = world.vault.secrets.get(sessionSecretRef(started.id));
    expect(password).toHaveLength(24);
    expect(world.target.accounts.get(started.account)?.password).toBe(password);
    expect(world.lifecycle.statusOf(CREATE)).toBe('Active');

    const ending = await world.lifecycle.end(started.id, 'alice');
    expect(ending.state).toBe('ending');
    await settled(started.id, 'ended');
    expect(world.target.accounts.has(started.account)).toBe(false);
    expect(world.target.ended).toEqual([started.account]);
    expect(world.vault.secrets.has(sessionSecretRef(started.id))).toBe(false);
    expect(statesOf(started.id)).toEqual([
      'requested',
      'provisioning',
      'active',
      'ending',
      'ending',
      'ended',
    ]);
    expect(world.lifecycle.statusOf(CREATE)).toBe('None');
    const session = world.store.get(started.id);
    expect(session?.operationIds).toHaveLength(2);
    expect(session?.endedAt).not.toBeNull();
    // Every step audited, never a password.
    const audit = world.audit.map((e) => `${e.action} ${e.result}`);
    expect(audit).toEqual(
      expect.arrayContaining([
        'session_start success',
        'session_provision success',
        'session_cleanup success',
      ]),
    );
    const text = JSON.stringify(world.audit);
    expect(text).not.toContain('admin-password');
    expect(text).not.toContain(password);
  });

  it('writes Provisioning, with the operation id, before the template runs', async () => {
    let release!: () => void;
    world.target.gate = new Promise((resolve) => (release = resolve));
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'provisioning');
    const onDisk = world.store.get(started.id);
    expect(onDisk?.operationIds).toHaveLength(1);
    expect(world.target.runs).toEqual([]);
    release();
    await settled(started.id, 'active');
    expect(world.target.runs.map((r) => r.verb)).toEqual(['create']);
  });

  it('writes each run\u2019s audit entry while the target is checked after it, and before the next state', async () => {
    // Each run's entry reaches "the disk" only once the check after that run has begun: a
    // lifecycle that waited for the entry before checking would never get there.
    const checksBegun: string[] = [];
    const begun = (what: string) => until(() => checksBegun.includes(what), what).then(() => undefined);
    const exists = world.target.accountExists.bind(world.target);
    world.target.accountExists = (request) => {
      checksBegun.push(world.target.runs.at(-1)?.verb ?? 'none');
      return exists(request);
    };
    const statesWhenAudited: (string | undefined)[] = [];
    world.auditDelay = (entry) => {
      const run = /PG (create|delete) v1/.exec(entry.detail)?.[1];
      if (run === undefined) return undefined;
      const session = world.store.all()[0];
      return begun(run).then(() => void statesWhenAudited.push(session && stateOf(world, session.id)));
    };
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'active');
    await world.lifecycle.end(started.id, 'alice');
    await settled(started.id, 'ended');
    // On disk before the session left the state the run was made in.
    expect(statesWhenAudited).toEqual(['provisioning', 'ending']);
  });

  it('refuses an account that exists already, untouched', async () => {
    await world.close();
    world = makeWorld({ randomInt: () => 42 });
    world.target.accounts.set('senseg0000042', { enabled: true, password: 'theirs' });
    // The password is sealed while the name is checked (both before any run), and forgotten again.
    const sealedAtCheck: boolean[] = [];
    const exists = world.target.accountExists.bind(world.target);
    world.target.accountExists = (request) => {
      sealedAtCheck.push(world.vault.writes.some((w) => w.startsWith('put session:')));
      return exists(request);
    };
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'failed');
    expect(sealedAtCheck).toEqual([true]);
    expect(world.store.get(started.id)?.error).toMatch(/exists already .* left untouched/);
    expect(world.target.runs).toEqual([]);
    expect(world.target.accounts.get('senseg0000042')?.password).toBe('theirs');
    expect(world.vault.secrets.has(sessionSecretRef(started.id))).toBe(false);
  });

  it('rolls back a half-succeeded creation and verifies it gone (Failed)', async () => {
    world.target.failures.create = 1;
    world.target.halfCreate = true;
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'failed');
    expect(world.target.runs.map((r) => r.verb)).toEqual(['create', 'delete']);
    expect(world.target.accounts.has(started.account)).toBe(false);
    expect(statesOf(started.id)).toEqual(['requested', 'provisioning', 'ending', 'ending', 'failed']);
    expect(world.store.get(started.id)?.error).toMatch(/New user ended Error: .*create failed \(operation /);
  });

  it('retries a failed cleanup with backoff, then needs attention; force close needs that state', async () => {
    world.settings.cleanupRetry = { maxAttempts: 3, baseDelaySeconds: 10, maxDelaySeconds: 300 };
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'active');
    await expect(
      world.lifecycle.forceClose(started.id, 'the target is gone for good', 'bob'),
    ).rejects.toThrow(/Only a session that needs attention/);
    world.target.failures.delete = 5;
    await world.lifecycle.end(started.id, 'alice');
    await until(() => world.store.get(started.id)?.nextAttemptAt !== null, 'the second attempt planned');
    // Equal jitter with random 0.5: 10 s * 0.75, then 20 s * 0.75.
    expect(world.store.get(started.id)?.nextAttemptAt).toBe('2026-12-01T10:00:07.500Z');
    world.clock.advance(7_500);
    await until(
      () =>
        world.store.get(started.id)?.cleanupAttempts === 2 &&
        world.store.get(started.id)?.nextAttemptAt !== null,
      'the third attempt planned',
    );
    world.clock.advance(15_000);
    await settled(started.id, 'needs_attention');
    expect(world.target.runs.filter((r) => r.verb === 'delete')).toHaveLength(3);
    expect(world.lifecycle.statusOf(CREATE)).toBe('Needs attention');

    const closed = await world.lifecycle.forceClose(started.id, 'the target is gone for good', 'bob');
    expect(closed).toMatchObject({ state: 'force_closed', forceCloseReason: 'the target is gone for good' });
    expect(world.audit.at(-1)).toMatchObject({ action: 'session_force_close', actor: 'bob' });
    expect(world.audit.at(-1)?.detail).toContain('the target is gone for good');
    await expect(world.lifecycle.forceClose(started.id, 'again and again', 'bob')).rejects.toThrow();
  });

  it('asks a plugin that can for the end of the sessions and the account\u2019s existence in one call', async () => {
    const asked: string[] = [];
    let keep = false;
    Object.assign(world.target, {
      endSessionsThenExists: (request: AccountRequest) => {
        asked.push(request.username);
        return Promise.resolve({ ended: 0, exists: keep || world.target.accounts.has(request.username) });
      },
    });
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'active');
    await world.lifecycle.end(started.id, 'alice');
    await settled(started.id, 'ended');
    expect(asked).toEqual([started.account]);
    expect(world.target.ended).toEqual([]);

    // Its answer counts: an account it says is still there fails the attempt.
    keep = true;
    const second = await world.lifecycle.start(CREATE, 'alice');
    await settled(second.id, 'active');
    await world.lifecycle.end(second.id, 'alice');
    await until(
      () => world.store.get(second.id)?.cleanupAttempts === 1 && world.store.get(second.id)?.error !== null,
      'the first attempt failed',
    );
    expect(world.store.get(second.id)?.error).toBe(`${second.account} still exists`);
    expect(stateOf(world, second.id)).toBe('ending');
  });

  it('ends a session at its maximum length', async () => {
    world.settings.jit.maxSessionMinutes = 30;
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'active');
    world.clock.advance(30 * 60_000 - 1);
    expect(stateOf(world, started.id)).toBe('active');
    world.clock.advance(1);
    await settled(started.id, 'ended');
    expect(world.target.accounts.has(started.account)).toBe(false);
    expect(world.audit.some((e) => e.actor === 'system (maximum session length)')).toBe(true);
  });

  it('refuses a credential that is not set up for JIT, writing nothing', async () => {
    await expect(world.lifecycle.start(1, 'alice')).rejects.toThrow(/not set up for JIT/);
    expect(world.store.all()).toEqual([]);
  });

  it('fails a session whose vault is locked, before anything runs', async () => {
    world.vault.state = 'locked';
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'failed');
    expect(world.store.get(started.id)?.error).toMatch(/vault is locked/);
    expect(world.target.runs).toEqual([]);
  });
});

describe('Enable/Disable', () => {
  it('counts overlapping sessions on one account: disabled only when the last one ends', async () => {
    const first = await world.lifecycle.start(ENABLE, 'alice');
    const second = await world.lifecycle.start(ENABLE_TWIN, 'bob');
    await settled(first.id, 'active');
    await settled(second.id, 'active');
    expect(world.target.accounts.get('app')?.enabled).toBe(true);

    await world.lifecycle.end(first.id, 'alice');
    await settled(first.id, 'ended');
    expect(world.target.accounts.get('app')?.enabled).toBe(true);
    expect(world.target.runs.filter((r) => r.verb === 'disable')).toEqual([]);

    await world.lifecycle.end(second.id, 'bob');
    await settled(second.id, 'ended');
    expect(world.target.accounts.get('app')?.enabled).toBe(false);
    expect(world.target.runs.map((r) => r.verb)).toEqual(['enable', 'enable', 'disable']);
  });

  it('an end asked for while provisioning ends the session once it is Active', async () => {
    let release!: () => void;
    world.target.gate = new Promise((resolve) => (release = resolve));
    const started = await world.lifecycle.start(ENABLE, 'alice');
    await settled(started.id, 'provisioning');
    expect((await world.lifecycle.end(started.id, 'alice')).state).toBe('provisioning');
    release();
    await settled(started.id, 'ended');
    expect(world.target.accounts.get('app')?.enabled).toBe(false);
  });
});

describe('the sweep at start', () => {
  async function crashIn(state: Session['state'], changes: Partial<Session> = {}): Promise<Session> {
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'active');
    const active = world.store.get(started.id);
    if (!active) throw new Error('no session');
    const session = { ...active, state, ...changes };
    await world.store.save(session);
    await world.restart();
    return session;
  }

  it('fails a session interrupted while Requested, without running anything, and drops its password', async () => {
    const session = await crashIn('requested');
    await world.vault.put(sessionSecretRef(session.id), 'generated-before-the-crash');
    const runs = world.target.runs.length;
    await world.lifecycle.open();
    await settled(session.id, 'failed');
    expect(world.target.runs).toHaveLength(runs);
    expect(world.vault.secrets.has(sessionSecretRef(session.id))).toBe(false);
    expect(world.lifecycle.statusOf(CREATE)).toBe('None');
  });

  it('rolls back a session interrupted while provisioning', async () => {
    const session = await crashIn('provisioning');
    await world.lifecycle.open();
    await settled(session.id, 'failed');
    expect(world.target.accounts.has(session.account)).toBe(false);
    expect(world.store.get(session.id)?.rollback).toBe(true);
  });

  it('ends an Active session past its end, and keeps a command line\u2019s one within it', async () => {
    const session = await crashIn('active', { startedIn: 'cli' });
    await world.lifecycle.open();
    expect(stateOf(world, session.id)).toBe('active');
    world.clock.advance(60 * 60_000);
    await settled(session.id, 'ended');
    expect(world.store.get(session.id)?.endedBy).toBe(maxLengthActor);
    expect(world.target.accounts.has(session.account)).toBe(false);
  });

  it('ends an app\u2019s Active session that the app stopped without ending (a crash), whatever its time left (review 36 L1)', async () => {
    const session = await crashIn('active');
    expect(session.startedIn).toBe('app');
    await world.lifecycle.open();
    await settled(session.id, 'ended');
    expect(world.store.get(session.id)?.endedBy).toBe(appStoppedActor);
    expect(world.target.accounts.has(session.account)).toBe(false);
  });

  it('keeps an Active session of a record written before startedIn until its maximum length', async () => {
    const session = await crashIn('active', { startedIn: undefined });
    await world.lifecycle.open();
    expect(stateOf(world, session.id)).toBe('active');
  });

  it('a sweep in the process that started a session (a vault unlock) leaves it Active', async () => {
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'active');
    await world.lifecycle.sweep({ retryNeedsAttention: true });
    expect(stateOf(world, started.id)).toBe('active');
  });

  it('completes an interrupted cleanup (Ending)', async () => {
    const session = await crashIn('ending');
    await world.lifecycle.open();
    await settled(session.id, 'ended');
    expect(world.target.accounts.has(session.account)).toBe(false);
  });

  it('retries a session that needs attention', async () => {
    const session = await crashIn('needs_attention');
    await world.lifecycle.open();
    await settled(session.id, 'ended');
    expect(world.target.accounts.has(session.account)).toBe(false);
  });

  it('waits for the vault: a locked vault leaves the records untouched', async () => {
    const session = await crashIn('ending');
    world.vault.state = 'locked';
    expect(await world.lifecycle.sweep({ retryNeedsAttention: true })).toBe(0);
    expect(stateOf(world, session.id)).toBe('ending');
    world.vault.state = 'unlocked';
    await world.lifecycle.sweep({ retryNeedsAttention: true });
    await settled(session.id, 'ended');
  });
});

describe('close (quit)', () => {
  it('ends the live sessions and refuses new ones', async () => {
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'active');
    await world.lifecycle.close();
    expect(stateOf(world, started.id)).toBe('ended');
    expect(world.target.accounts.has(started.account)).toBe(false);
    await expect(world.lifecycle.start(CREATE, 'alice')).rejects.toThrow(/quitting/);
  });
});

describe('detach (the command line lets go)', () => {
  it('lets a step already running on the target finish, and ends nothing', async () => {
    let release: () => void = () => undefined;
    world.target.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started = await world.lifecycle.start(CREATE, 'alice');
    await until(() => stateOf(world, started.id) === 'provisioning', 'provisioning');
    let detached = false;
    const detaching = world.lifecycle.detach().then(() => (detached = true));
    await Promise.resolve();
    expect(detached).toBe(false);
    world.target.gate = undefined;
    release();
    await detaching;
    // Active, not ended: the session outlives the command, and its account was really made.
    expect(stateOf(world, started.id)).toBe('active');
    expect(world.target.accounts.has(started.account)).toBe(true);
    await expect(world.lifecycle.start(CREATE, 'alice')).rejects.toThrow(/quitting/);
  });

  it('stops a cleanup waiting for its next attempt: the record stays Ending for the next sweep', async () => {
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'active');
    world.target.failures.delete = 1;
    await world.lifecycle.end(started.id, 'alice');
    await until(
      () => world.changes.some((s) => s.id === started.id && s.nextAttemptAt !== null),
      'a retry planned',
    );
    await world.lifecycle.detach();
    expect(stateOf(world, started.id)).toBe('ending');
    expect(world.target.accounts.has(started.account)).toBe(true);
  });
});
