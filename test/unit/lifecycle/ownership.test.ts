// Ownership (issue 10, item 5): the lifecycle disables or deletes only what it enabled or created.
// A rollback deletes an account only once it logs in with the session's own password; an account
// enabled before its session stays enabled after it; the generated name fits the target; and the
// loose ends of the attack review (an orphan password, a second End, a write after close).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionSecretRef } from '../../../electron/lifecycle/session-lifecycle';
import { AccountCheckFailed } from '../../../electron/plugins/tag-engine/accounts';
import { credentialSchema } from '../../../shared/domain/credential';
import type { Session } from '../../../shared/domain/session';
import { CREATE, ENABLE, ENABLE_TWIN, makeWorld, stateOf, until, type World } from './lifecycle-harness';

let world: World;
beforeEach(() => {
  world = makeWorld();
});
afterEach(async () => {
  await world.close();
});

const settled = (id: string, state: Session['state']) =>
  until(() => stateOf(world, id) === state, `session ${id} ${state}`);
const verbs = () => world.target.runs.map((r) => r.verb);
const auditOf = (id: string) => world.audit.filter((e) => e.detail.includes(id)).map((e) => e.detail);

describe('a rollback deletes only an account proven ours', () => {
  it('someone else creates the name between our check and our creation: not deleted, Needs attention', async () => {
    let release!: () => void;
    world.target.gate = new Promise((resolve) => (release = resolve));
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'provisioning');
    // Checked absent a moment ago; now another administrator creates the same name.
    world.target.accounts.set(started.account, { enabled: true, password: 'theirs' });
    release();
    await settled(started.id, 'needs_attention');

    expect(verbs()).toEqual(['create']);
    expect(world.target.accounts.get(started.account)).toEqual({ enabled: true, password: 'theirs' });
    expect(world.target.logins).toEqual([started.account]);
    const session = world.store.get(started.id);
    expect(session?.error).toBe(
      `${started.account} exists on db-01 and was not proven ours (it does not log in with the session's password): not deleted; check the target by hand`,
    );
    expect(session?.cleanupAttempts).toBe(1);
    expect(world.audit.at(-1)).toMatchObject({ action: 'session_cleanup', result: 'failure' });
    expect(world.audit.at(-1)?.detail).toContain('was not proven ours');
    expect(JSON.stringify(world.audit)).not.toContain(
      world.vault.secrets.get(sessionSecretRef(started.id)) ?? 'no password',
    );
  });

  it('a provisioning cut short before its creation ran, the name since taken: the sweep deletes nothing', async () => {
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'active');
    const active = world.store.get(started.id);
    if (!active) throw new Error('no session');
    // As after a crash with Provisioning on disk and the template not run: the account there is
    // someone else's.
    world.target.accounts.set(started.account, { enabled: true, password: 'theirs' });
    world.target.marks.delete(started.account);
    await world.store.save({ ...active, state: 'provisioning' });
    await world.restart();
    await world.lifecycle.open();
    await settled(started.id, 'needs_attention');
    expect(verbs()).toEqual(['create']);
    expect(world.target.accounts.get(started.account)?.password).toBe('theirs');
    expect(world.store.get(started.id)).toMatchObject({ rollback: true });
  });

  it('a sweep does not log in as a not-proven account again (failed logins may lock it); a person\u2019s End does', async () => {
    let release!: () => void;
    world.target.gate = new Promise((resolve) => (release = resolve));
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'provisioning');
    world.target.accounts.set(started.account, { enabled: true, password: 'theirs' });
    release();
    await settled(started.id, 'needs_attention');
    expect(world.store.get(started.id)?.notProvenOurs).toBe(true);
    expect(world.target.logins).toHaveLength(1);

    await world.lifecycle.sweep({ retryNeedsAttention: true });
    await world.lifecycle.idle();
    expect(stateOf(world, started.id)).toBe('needs_attention');
    expect(world.store.get(started.id)?.error).toContain('not tried again automatically');
    expect(world.target.logins).toHaveLength(1);

    await world.lifecycle.end(started.id, 'alice');
    await world.lifecycle.idle();
    expect(stateOf(world, started.id)).toBe('needs_attention');
    expect(world.target.logins).toHaveLength(2);
    expect(verbs()).toEqual(['create']);
    expect(world.target.accounts.get(started.account)?.password).toBe('theirs');
  });

  it('a person whose user name starts with "system" is a person: their End tries the login again', async () => {
    let release!: () => void;
    world.target.gate = new Promise((resolve) => (release = resolve));
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'provisioning');
    world.target.accounts.set(started.account, { enabled: true, password: 'theirs' });
    release();
    await settled(started.id, 'needs_attention');
    expect(world.target.logins).toHaveLength(1);
    await world.lifecycle.end(started.id, 'systemadmin');
    await world.lifecycle.idle();
    expect(world.target.logins).toHaveLength(2);
  });

  it('a provisioning cut short before its creation ran, nothing there: Failed, no deletion run', async () => {
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'active');
    const active = world.store.get(started.id);
    if (!active) throw new Error('no session');
    world.target.accounts.delete(started.account);
    await world.store.save({ ...active, state: 'provisioning' });
    await world.restart();
    await world.lifecycle.open();
    await settled(started.id, 'failed');
    expect(verbs()).toEqual(['create']);
    expect(auditOf(started.id).at(-1)).toContain('does not exist: nothing to roll back');
    expect(world.vault.secrets.has(sessionSecretRef(started.id))).toBe(false);
  });

  it('our half-created account logs in with our password: deleted and verified gone', async () => {
    world.target.failures.create = 1;
    world.target.halfCreate = true;
    world.target.accountMarkedBy = undefined as never;
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'failed');
    expect(verbs()).toEqual(['create', 'delete']);
    expect(world.target.logins).toEqual([started.account]);
    expect(world.target.accounts.has(started.account)).toBe(false);
  });

  it('a creation cut short before the password (the account made, marked with this session): proven by the mark, deleted', async () => {
    world.target.failures.create = 1;
    world.target.halfCreate = 'mark-only';
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'failed');
    expect(verbs()).toEqual(['create', 'delete']);
    // No login was tried: the mark alone proves it, and a login with no password set cannot work.
    expect(world.target.logins).toEqual([]);
    expect(world.target.accounts.has(started.account)).toBe(false);
  });

  it('a mark naming another session proves nothing: the login decides, and fails', async () => {
    let release!: () => void;
    world.target.gate = new Promise((resolve) => (release = resolve));
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'provisioning');
    world.target.accounts.set(started.account, { enabled: true, password: 'theirs' });
    world.target.marks.set(started.account, 'another-session');
    release();
    await settled(started.id, 'needs_attention');
    expect(verbs()).toEqual(['create']);
    expect(world.target.logins).toEqual([started.account]);
    expect(world.target.accounts.has(started.account)).toBe(true);
  });

  it('an Active session ends as before: its account was verified ours at provisioning', async () => {
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'active');
    await world.lifecycle.end(started.id, 'alice');
    await settled(started.id, 'ended');
    expect(verbs()).toEqual(['create', 'delete']);
    expect(world.target.logins).toEqual([]);
  });
});

describe('Enable/Disable leaves enabled what was enabled before', () => {
  it('an account enabled before the session: nothing enabled, nothing disabled, both audited', async () => {
    world.target.accounts.set('app', { enabled: true, password: 'app-password' });
    const started = await world.lifecycle.start(ENABLE, 'alice');
    await settled(started.id, 'active');
    expect(world.store.get(started.id)?.enabledBefore).toBe(true);
    await world.lifecycle.end(started.id, 'alice');
    await settled(started.id, 'ended');

    expect(verbs()).toEqual([]);
    expect(world.target.accounts.get('app')?.enabled).toBe(true);
    const audit = auditOf(started.id);
    expect(audit).toContainEqual(
      expect.stringContaining(
        'app was enabled before the session: the enable template is not run, and the end leaves it enabled',
      ),
    );
    expect(audit.at(-1)).toContain('Left enabled: it was enabled before the session');
  });

  it('after a force close of ours that left it enabled, the next session disables it at its end', async () => {
    world.settings = { ...world.settings, cleanupRetry: { ...world.settings.cleanupRetry, maxAttempts: 1 } };
    const first = await world.lifecycle.start(ENABLE, 'alice');
    await settled(first.id, 'active');
    world.target.failures.disable = 1;
    await world.lifecycle.end(first.id, 'alice');
    await settled(first.id, 'needs_attention');
    await world.lifecycle.forceClose(first.id, 'the target was down, checked by hand later', 'bob');
    // Enabled still, by our first session: not "enabled before" the next one.
    expect(world.target.accounts.get('app')?.enabled).toBe(true);

    const second = await world.lifecycle.start(ENABLE, 'alice');
    await settled(second.id, 'active');
    expect(world.store.get(second.id)?.enabledBefore).toBe(false);
    await world.lifecycle.end(second.id, 'alice');
    await settled(second.id, 'ended');
    expect(world.target.accounts.get('app')?.enabled).toBe(false);
  });

  it('a second session on it while the first is live inherits that: both end, it stays enabled', async () => {
    world.target.accounts.set('app', { enabled: true, password: 'app-password' });
    const first = await world.lifecycle.start(ENABLE, 'alice');
    await settled(first.id, 'active');
    const second = await world.lifecycle.start(ENABLE_TWIN, 'bob');
    await settled(second.id, 'active');
    expect(world.store.get(second.id)?.enabledBefore).toBe(true);
    await world.lifecycle.end(first.id, 'alice');
    await settled(first.id, 'ended');
    await world.lifecycle.end(second.id, 'bob');
    await settled(second.id, 'ended');
    expect(verbs()).toEqual([]);
    expect(world.target.accounts.get('app')?.enabled).toBe(true);
  });

  it('a session started while ours enabled it is counted, not taken for enabled before', async () => {
    const first = await world.lifecycle.start(ENABLE, 'alice');
    await settled(first.id, 'active');
    // The target now says enabled: by our first session, which the second must not mistake.
    const second = await world.lifecycle.start(ENABLE_TWIN, 'bob');
    await settled(second.id, 'active');
    expect(world.store.get(second.id)?.enabledBefore).toBe(false);
    await world.lifecycle.end(first.id, 'alice');
    await settled(first.id, 'ended');
    await world.lifecycle.end(second.id, 'bob');
    await settled(second.id, 'ended');
    expect(world.target.accounts.get('app')?.enabled).toBe(false);
  });

  it('the rollback of a session on an account enabled before leaves it enabled', async () => {
    world.target.accounts.set('app', { enabled: true, password: 'app-password' });
    const started = await world.lifecycle.start(ENABLE, 'alice');
    await settled(started.id, 'active');
    const active = world.store.get(started.id);
    if (!active) throw new Error('no session');
    await world.store.save({ ...active, state: 'provisioning' });
    await world.restart();
    await world.lifecycle.open();
    await settled(started.id, 'failed');
    expect(verbs()).toEqual([]);
    expect(world.target.accounts.get('app')?.enabled).toBe(true);
  });

  it('names compared as the target does: APP and app are one account where case does not count', async () => {
    world.target.accountNames = { maxLength: 256, caseInsensitive: true };
    const twin = world.credentials.get(ENABLE_TWIN);
    if (!twin) throw new Error('no credential');
    world.credentials.set(ENABLE_TWIN, credentialSchema.parse({ ...twin, username: 'APP' }));
    const first = await world.lifecycle.start(ENABLE, 'alice');
    await settled(first.id, 'active');
    const second = await world.lifecycle.start(ENABLE_TWIN, 'bob');
    await settled(second.id, 'active');
    await world.lifecycle.end(first.id, 'alice');
    await settled(first.id, 'ended');
    // bob's session on APP still uses the account: it stays enabled.
    expect(world.target.accounts.get('app')?.enabled).toBe(true);
    await world.lifecycle.end(second.id, 'bob');
    await settled(second.id, 'ended');
    expect(world.target.accounts.get('app')?.enabled).toBe(false);
  });

  it('a check whether the generated name exists that cannot run: refused with its reason, not its kind (review 37)', async () => {
    world.target.accountExists = () =>
      Promise.reject(new AccountCheckFailed('the device has no SSH port for this check'));
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'failed');
    expect(world.store.get(started.id)?.error).toBe(
      `Could not check whether ${started.account} exists: the device has no SSH port for this check`,
    );
    expect(verbs()).toEqual([]);
  });

  it('a target that cannot tell whether the account is enabled: refused, nothing run', async () => {
    world.target.enabledCheckFails = true;
    const started = await world.lifecycle.start(ENABLE, 'alice');
    await settled(started.id, 'failed');
    expect(world.store.get(started.id)?.error).toBe('Could not check whether app is enabled already: Error');
    expect(verbs()).toEqual([]);
  });
});

describe('the generated name fits the target', () => {
  it('refuses a session whose name is longer than the plugin takes, naming the limit, writing nothing', async () => {
    world.target.accountNames = { maxLength: 12, caseInsensitive: false };
    await expect(world.lifecycle.start(CREATE, 'alice')).rejects.toThrow(
      /^The generated account name senseg\d{7} has 13 characters, and PostgreSQL takes at most 12: shorten the user name prefix in Settings$/,
    );
    expect(world.store.all()).toEqual([]);
    world.settings.jit.usernamePrefix = 'jit';
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'active');
  });
});

describe('loose ends', () => {
  it('the sweep drops the password of a session that is over (the process died before it could)', async () => {
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'active');
    await world.lifecycle.end(started.id, 'alice');
    await settled(started.id, 'ended');
    await world.vault.put(sessionSecretRef(started.id), 'left behind by a crash');
    await world.restart();
    await world.lifecycle.open();
    expect(world.vault.secrets.has(sessionSecretRef(started.id))).toBe(false);
  });

  it('a second End on a session already Ending is audited', async () => {
    world.settings.cleanupRetry = { maxAttempts: 3, baseDelaySeconds: 10, maxDelaySeconds: 300 };
    const started = await world.lifecycle.start(CREATE, 'alice');
    await settled(started.id, 'active');
    world.target.failures.delete = 1;
    await world.lifecycle.end(started.id, 'alice');
    await until(() => world.store.get(started.id)?.nextAttemptAt !== null, 'the second attempt planned');
    const again = await world.lifecycle.end(started.id, 'bob');
    expect(again.state).toBe('ending');
    expect(world.audit.at(-1)).toMatchObject({ actor: 'bob', action: 'session_end' });
    expect(world.audit.at(-1)?.detail).toContain('End requested again: the cleanup is already running');
    world.clock.advance(10_000);
    await settled(started.id, 'ended');
  });
});
