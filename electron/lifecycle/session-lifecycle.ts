import { noCustomValues } from '../../shared/domain/custom-fields';
import { randomInt, randomUUID } from 'node:crypto';
import type { sessionStatuses } from '../../shared/domain/credential';
import { jitExecutionTypes, jitPairs } from '../../shared/domain/jit';
import {
  isLiveSessionState,
  isPlainSession,
  mayHoldAccount,
  maxLengthActor,
  appStoppedActor,
  plainSessionPlugins,
  type SessionPluginId,
  nextSessionState,
  sessionStateLabels,
  type Session,
  type SessionEvent,
} from '../../shared/domain/session';
import { findPlugin, type PluginId } from '../../shared/domain/plugin';
import type { Settings } from '../../shared/domain/settings';
import type { AuditTrail } from '../audit/audit-trail';
import type { Clock, TimerHandle, Timers } from '../platform/clock';
import type { EventBus } from '../platform/event-bus';
import { ephemeralUsername } from '../operations/ephemeral-name';
import { tagValues } from '../operations/tag-values';
import type { TemplateExecutor } from '../operations/template-executor';
import type { AccountRequest, PluginRuntime } from '../plugins/plugin-runtime';
import { AccountCheckFailed } from '../plugins/tag-engine';
import { generatePassword } from '../services/credentials/password-generator';
import { ServiceError } from '../services/service-error';
import type { SecretVault } from '../vault/secret-vault';
import { cleanupDelayMs, waitOn } from './cleanup-backoff';
import { KeyedLock } from './keyed-lock';
import { planSession, type PlannedRun, type PlanSources, type SessionPlan } from './session-plan';
import type { SessionStore } from './session-store';
import { textCut } from '../../shared/domain/text-rules';

export interface SessionLifecycleDeps extends PlanSources {
  readonly store: SessionStore;
  readonly executor: Pick<TemplateExecutor, 'execute'>;
  readonly vault: SecretVault;
  readonly audit: AuditTrail;
  readonly events: Pick<EventBus, 'emit'>;
  readonly settings: () => Settings;
  readonly clock: Clock & Timers;
  /** [0, 1): the jitter of the cleanup retries. */
  readonly random?: () => number;
  /** For generated account names. */
  readonly randomInt?: (max: number) => number;
  /** How often a periodic sweep looks for sessions due (past their end, an interrupted cleanup). */
  readonly sweepEveryMs?: number;
  /** How long close() waits for the sessions it ends (the app is quitting). */
  readonly closeWaitMs?: number;
  /**
   * How long `endAwaited` (Close in a session view, End in Remote sessions) waits for the cleanup
   * before it answers with the state the session has then.
   */
  readonly endWaitMs?: number;
  /** What the sessions this process starts are recorded as started in (`Session.startedIn`). */
  readonly startedIn?: 'app' | 'cli';
}

/** A cleanup that has not finished in this long is retrying with backoff: the caller is told so. */
export const defaultEndWaitMs = 30_000;

/** How a sweep treats the sessions that need attention (SessionLifecycle.sweep). */
export interface SweepOptions {
  readonly retryNeedsAttention: boolean | 'once';
}

/** The credential lists' Session status. */
export type SessionStatus = (typeof sessionStatuses)[number];

/** Where the generated password of a created account lives while its session does. */
export const sessionSecretRef = (sessionId: string): string => `session:${sessionId}`;

const systemActor = 'system';
/** The lifecycle's own steps (sweeps, the maximum length, quit), never a person's user name. */
const isSystemActor = (actor: string): boolean =>
  actor === systemActor || actor.startsWith(`${systemActor} (`);
const liveStatus: Partial<Record<Session['state'], SessionStatus>> = {
  requested: 'Provisioning',
  provisioning: 'Provisioning',
  active: 'Active',
  ending: 'Ending',
  needs_attention: 'Needs attention',
};
/** When a credential has several live sessions, the list shows the one most in need of a look. */
const statusRank: Record<SessionStatus, number> = {
  None: 0,
  Active: 1,
  Provisioning: 2,
  Ending: 3,
  'Needs attention': 4,
};

/**
 * The JIT session lifecycle (docs/architecture.md, "Sessions"): start provisions the account
 * (Enable/Disable: the credential's own; Creation and deletion: a generated one), end cleans it up
 * and verifies, and whatever a crash, a failure or the maximum length interrupts is driven to its
 * end by a sweep. Every state is on disk (SessionStore) before the step it announces acts on the
 * target, and every step is audited.
 *
 * Only accounts this product enabled or created (its session records) are ever disabled or
 * deleted: the cleanup acts on the record's account, never on a name it did not create, and an
 * account that exists before a creation is refused untouched. A rollback deletes an account only
 * once it logs in with the session's own generated password (else Needs attention, untouched), and
 * an account already enabled before an Enable/Disable session is neither enabled nor disabled by it.
 */
export class SessionLifecycle {
  readonly #locks = new KeyedLock();
  /** Sessions with work in flight in this process: a sweep leaves them alone. */
  readonly #busy = new Set<string>();
  /** The sessions this process started (any other Active app session was left by a stopped app). */
  readonly #startedHere = new Set<string>();
  readonly #work = new Set<Promise<void>>();
  /** Each session's background task now (provisioning, or a cleanup), for `endAwaited`. */
  readonly #workOf = new Map<string, Promise<void>>();
  readonly #expiry = new Map<string, TimerHandle>();
  /** Ends asked for while a session was still starting: it ends as soon as it is Active. */
  readonly #endRequested = new Map<string, string>();
  readonly #stop = new AbortController();
  #sweepTimer: TimerHandle | undefined;
  /** When the next periodic sweep runs (ISO), null when none is armed (the command line, quitting). */
  #nextSweepAt: string | null = null;
  #sweepTail: Promise<unknown> = Promise.resolve();
  /** No new sessions, sweeps or retries: the app is quitting, or the command line lets go. */
  #closing = false;
  /** The app is quitting (close()): a session that becomes Active now is ended at once. */
  #quitting = false;
  #orphansForgotten = false;

  constructor(private readonly deps: SessionLifecycleDeps) {}

  get(id: string): Session {
    const session = this.deps.store.get(id);
    if (!session) throw new ServiceError('not_found', `Session ${id} does not exist`);
    return session;
  }

  list(...args: Parameters<SessionStore['list']>): ReturnType<SessionStore['list']> {
    return this.deps.store.list(...args);
  }

  /** The credential list's Session status: its live session most in need of a look, or None. */
  statusOf(credentialId: number): SessionStatus {
    let status: SessionStatus = 'None';
    for (const session of this.deps.store.liveOf(credentialId)) {
      const candidate = liveStatus[session.state] ?? 'None';
      if (statusRank[candidate] > statusRank[status]) status = candidate;
    }
    return status;
  }

  /**
   * Records the session as Requested and answers at once; provisioning goes on in the background
   * and reports through `sessions.changed`. Refuses here only what a record cannot be made of.
   */
  async start(credentialId: number, actor: string, plainPluginId?: SessionPluginId): Promise<Session> {
    if (this.#closing) throw new ServiceError('conflict', 'The app is quitting: no new sessions');
    const { credentials, devices } = this.deps.inventory;
    const credential = credentials.get(credentialId);
    const device = devices.get(credential.deviceId);
    const label = `${credential.username} @ ${device.name}`;
    if (credential.deleted) throw new ServiceError('conflict', `${label} was deleted`);
    const type = credential.jit.type;
    if (!credential.jit.enabled || type === null) return this.#startPlain(credentialId, actor, plainPluginId);
    if (plainPluginId !== undefined) {
      throw new ServiceError(
        'invalid_input',
        `${label} is a JIT credential: its session's protocol is its templates' plugin`,
        'pluginId',
      );
    }
    const provision = jitPairs[type].provision;
    const pluginId = credential.jit[`${provision}PluginId`];
    if (pluginId === null) {
      throw new ServiceError('invalid_input', `${label} has no ${provision} template in its JIT settings`);
    }
    const account = type === 'enable_disable' ? credential.username : this.#newAccountName(device.id);
    if (type === 'create_delete') this.#checkNameLength(account, credential.jit);
    const session = await this.#save(
      this.#requested(actor, {
        credentialId,
        credentialLabel: label,
        deviceId: device.id,
        jitType: type,
        pluginId,
        account,
        target: null,
      }),
    );
    await this.#audit(session, actor, 'session_start', 'success', 'Requested');
    this.#drive(session.id, () => this.#provision(session, actor));
    return session;
  }

  /** A new record in state Requested, its maximum length counted from now; nothing done yet. */
  #requested(
    actor: string,
    what: Pick<
      Session,
      'credentialId' | 'credentialLabel' | 'deviceId' | 'jitType' | 'pluginId' | 'account' | 'target'
    > &
      Pick<Partial<Session>, 'kind'>,
  ): Session {
    const now = this.deps.clock.now();
    const maxMs = this.deps.settings().jit.maxSessionMinutes * 60_000;
    const id = randomUUID();
    this.#startedHere.add(id);
    return {
      id,
      ...what,
      requester: actor,
      state: 'requested',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + maxMs).toISOString(),
      endedAt: null,
      operationIds: [],
      cleanupAttempts: 0,
      nextAttemptAt: null,
      error: null,
      forceCloseReason: null,
      rollback: false,
      enabledBefore: false,
      notProvenOurs: false,
      startedIn: this.deps.startedIn ?? 'app',
    };
  }

  /**
   * A credential without JIT: a session with its stored password or key, on the first protocol its
   * device lists that a session can use (see plainSessionPlugin). Nothing runs on the target; the
   * states pass as for a JIT session (each saved and announced), so Remote sessions, the end,
   * the maximum length, quit and the audit treat both alike.
   */
  async #startPlain(credentialId: number, actor: string, chosen?: SessionPluginId): Promise<Session> {
    const { credentials, devices, logins } = this.deps.inventory;
    const credential = credentials.get(credentialId);
    const device = devices.get(credential.deviceId);
    const label = `${credential.username} @ ${device.name}`;
    const usable = plainSessionPlugins(
      device.connectivity.map((c) => c.protocol),
      credential.additionalInfo,
    );
    if (chosen !== undefined && !usable.includes(chosen)) {
      throw new ServiceError(
        'invalid_input',
        `${device.name} lists no ${findPlugin(chosen)?.protocol ?? chosen} port for a session`,
        'pluginId',
      );
    }
    const pluginId = chosen ?? usable[0] ?? null;
    const plugin = pluginId === null ? undefined : findPlugin(pluginId);
    const port = plugin ? device.connectivity.find((c) => c.protocol === plugin.protocol)?.port : undefined;
    if (pluginId === null || port === undefined) {
      throw new ServiceError(
        'invalid_input',
        `${label} is not set up for JIT sessions, and ${device.name} lists no SSH, PostgreSQL or MySQL port for a plain session`,
      );
    }
    // Refused now (with its reason) when there is nothing to log in with; the secret stays here.
    logins.loginFor(credentialId, {
      deviceId: device.id,
      field: 'credentialId',
      purpose: 'to open a session',
    });
    const session = await this.#save(
      this.#requested(actor, {
        credentialId,
        credentialLabel: label,
        deviceId: device.id,
        // The credential logs in as itself, as an Enable/Disable session's does (its terminal and
        // console take that path); `kind` says nothing is enabled or disabled.
        jitType: 'enable_disable',
        pluginId,
        account: credential.username,
        target: `${device.address}:${port}`,
        kind: 'plain',
      }),
    );
    await this.#audit(session, actor, 'session_start', 'success', 'Requested (plain session)');
    this.#drive(session.id, async () => {
      const provisioning = await this.#move(session, 'start', {});
      const active = await this.#move(provisioning, 'provisioned', {});
      await this.#audit(
        active,
        actor,
        'session_provision',
        'success',
        `Plain session with the stored secret: nothing enabled or created. Active until ${active.expiresAt}`,
      );
      await this.#activated(active);
    });
    return session;
  }

  /**
   * Ends a session: Active goes to Ending and the cleanup runs in the background. A session still
   * starting ends as soon as it is Active; one that needs attention gets its cleanup retried.
   */
  async end(id: string, actor: string): Promise<Session> {
    const session = this.get(id);
    switch (session.state) {
      case 'requested':
      case 'provisioning':
        this.#endRequested.set(id, actor);
        await this.#audit(session, actor, 'session_end', 'success', 'End requested: it ends once Active');
        return session;
      case 'active': {
        // Still finishing its provisioning here: that run ends it once it is recorded Active.
        if (!this.#claim(id)) {
          this.#endRequested.set(id, actor);
          return session;
        }
        this.#expiry.get(id)?.cancel();
        this.#expiry.delete(id);
        const ending = await this.#claimed(id, async () => {
          const moved = await this.#move(session, 'end', { nextAttemptAt: null, endedBy: actor });
          await this.#audit(moved, actor, 'session_end', 'success', 'End requested');
          return moved;
        });
        this.#drive(id, () => this.#cleanup(ending, actor));
        return ending;
      }
      case 'ending': {
        const running = this.#busy.has(id);
        if (!running) this.#drive(id, () => this.#cleanup(session, actor));
        await this.#audit(
          session,
          actor,
          'session_end',
          'success',
          running
            ? 'End requested again: the cleanup is already running'
            : 'End requested again: cleanup resumed',
        );
        return session;
      }
      case 'needs_attention': {
        if (!this.#claim(id)) return session;
        const retrying = await this.#claimed(id, async () => {
          const moved = await this.#move(session, 'retry', {});
          await this.#audit(moved, actor, 'session_end', 'success', 'Cleanup retried');
          return moved;
        });
        this.#drive(id, () => this.#cleanup(retrying, actor));
        return retrying;
      }
      default:
        throw new ServiceError(
          'conflict',
          `The session is ${sessionStateLabels[session.state]}: there is nothing to end`,
        );
    }
  }

  /**
   * Ends a session as `end` does, and answers once what that started is recorded: Ended (its
   * account removed or disabled, and verified), Needs attention, or, for a session still starting,
   * the end of its provisioning and cleanup. A cleanup that takes longer than `endWaitMs` (its
   * retries wait with backoff) is answered as it stands then, Ending, and goes on. So what a
   * session view shows after Close is true, not a state the core has already left or not reached.
   */
  async endAwaited(id: string, actor: string): Promise<Session> {
    const asked = await this.end(id, actor);
    const work = this.#workOf.get(id);
    if (work === undefined) return this.deps.store.get(id) ?? asked;
    const bound = new AbortController();
    await Promise.race([
      work,
      waitOn(this.deps.clock, this.deps.endWaitMs ?? defaultEndWaitMs, bound.signal),
    ]);
    bound.abort();
    return this.deps.store.get(id) ?? asked;
  }

  /**
   * Drops a session that needs attention without cleanup: the account may remain on the target,
   * and the person's reason is audited (on disk) before the record changes.
   */
  async forceClose(id: string, reason: string, actor: string): Promise<Session> {
    const session = this.get(id);
    // Claimed before the first await: an End or a sweep's retry from another window must not start
    // a cleanup between the check and the write (the review saw Force closed, then Ending, Ended).
    if (session.state !== 'needs_attention' || !this.#claim(id)) {
      throw new ServiceError(
        'conflict',
        `Only a session that needs attention (and is not being retried) can be force closed; this one is ${sessionStateLabels[session.state]}`,
      );
    }
    try {
      await this.#audit(
        session,
        actor,
        'session_force_close',
        'success',
        `Force closed without cleanup (the account may remain on the target). Reason: ${reason}`,
      );
      const closed = await this.#move(session, 'force_close', {
        forceCloseReason: reason,
        endedAt: this.#now(),
        nextAttemptAt: null,
      });
      await this.#forgetSecret(id);
      return closed;
    } finally {
      this.#busy.delete(id);
    }
  }

  /**
   * Drives every session whose account may exist on its target to its end: an interrupted
   * provisioning is rolled back, an Active session past its end is ended (one still within its
   * length gets its timer back), an interrupted cleanup runs again. The sessions that need
   * attention: `retryNeedsAttention: true` (start-up, a vault unlock, the command line) retries each
   * with the full backoff of the retry policy; `'once'` (the periodic sweep) gives each one due a
   * single attempt, so a target down for days costs one attempt per sweep, not a backoff cycle
   * every few minutes, and one failing again waits, Needs attention (Force close stays possible),
   * with the next sweep's time as its `nextAttemptAt`. Needs the vault unlocked (the logins are in
   * it): the records wait, untouched, until it is.
   */
  sweep(options: SweepOptions): Promise<number> {
    // One sweep at a time: two (start-up and a vault unlock) must not drive a session twice.
    const result = this.#sweepTail.then(() => this.#sweep(options));
    this.#sweepTail = result.catch(() => undefined);
    return result;
  }

  async #sweep(options: SweepOptions): Promise<number> {
    if (this.#closing || this.deps.vault.status().state !== 'unlocked') return 0;
    await this.#forgetOrphanSecrets();
    let driven = 0;
    // Requested and not starting here: the app stopped before anything ran on the target.
    // Each turn looks at #closing again: a quit that began while this sweep awaited must not find
    // work started after it collected what to wait for.
    for (const session of this.deps.store.all()) {
      if (this.#quitBegan()) return driven;
      if (session.state !== 'requested' || this.#busy.has(session.id)) continue;
      this.#drive(session.id, () =>
        this.#refuse(session, systemActor, 'Interrupted before anything ran on the target (the app stopped)'),
      );
      driven++;
    }
    for (const session of this.deps.store.holdingAccounts()) {
      if (this.#quitBegan()) return driven;
      if (this.#busy.has(session.id)) continue;
      const actor = systemActor;
      if (session.state === 'provisioning') {
        this.#drive(session.id, async () => {
          const ending = await this.#move(session, 'provisioning_failed', {
            rollback: true,
            error: 'Interrupted while provisioning (the app stopped): rolled back',
          });
          await this.#audit(ending, actor, 'session_provision', 'failure', 'Interrupted: rolling back');
          await this.#cleanup(ending, actor);
        });
        driven++;
      } else if (session.state === 'active') {
        if (Date.parse(session.expiresAt) <= this.deps.clock.now().getTime()) {
          await this.end(session.id, maxLengthActor);
          driven++;
        } else if (session.startedIn === 'app' && !this.#startedHere.has(session.id)) {
          await this.end(session.id, appStoppedActor);
          driven++;
        } else if (!this.#expiry.has(session.id)) this.#armExpiry(session);
      } else if (session.state === 'ending') {
        this.#drive(session.id, () => this.#cleanup(session, actor));
        driven++;
      } else if (options.retryNeedsAttention === 'once') {
        if (await this.#retryOnceIfDue(session.id)) driven++;
      } else if (options.retryNeedsAttention) {
        await this.end(session.id, actor);
        driven++;
      }
    }
    return driven;
  }

  /**
   * The periodic sweep's retry of a session that needs attention and whose `nextAttemptAt` has
   * come (or was never set): one cleanup attempt, after which it ends or waits for the next sweep.
   */
  async #retryOnceIfDue(id: string): Promise<boolean> {
    // Read again: this sweep awaited earlier sessions, and a person may have force closed this one.
    const session = this.deps.store.get(id);
    // An account not proven ours waits for a person: no automatic retry may log in as it again.
    if (session?.state !== 'needs_attention' || session.notProvenOurs) return false;
    const due =
      session.nextAttemptAt === null || Date.parse(session.nextAttemptAt) <= this.deps.clock.now().getTime();
    if (!due || !this.#claim(session.id)) return false;
    const retrying = await this.#claimed(session.id, async () => {
      const moved = await this.#move(session, 'retry', { nextAttemptAt: null });
      await this.#audit(
        moved,
        systemActor,
        'session_end',
        'success',
        'Cleanup retried by the periodic sweep (one attempt)',
      );
      return moved;
    });
    this.#drive(session.id, () => this.#cleanup(retrying, systemActor, 1));
    return true;
  }

  /** The start-up sweep, then one every `sweepEveryMs` (needs-attention sessions get one attempt each). */
  async open(): Promise<void> {
    await this.sweep({ retryNeedsAttention: true });
    this.#armSweep();
  }

  /**
   * The app is quitting: no new sessions, every Active one is ended, and the cleanups get a bounded
   * time. What does not finish stays on disk as Ending; the next start's sweep completes it.
   */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    this.#quitting = true;
    this.#stopTimers();
    // A sweep already in its loop stops at its next turn; what it started is in #work by then.
    await this.#sweepTail;
    for (const session of this.deps.store.all()) {
      if (session.state === 'active' && !this.#busy.has(session.id)) {
        await this.end(session.id, `${systemActor} (quit)`).catch(() => undefined);
      }
    }
    // No cleanup waits for its next attempt now: the sweep at the next start retries it.
    this.#stop.abort();
    const bound = new AbortController();
    await Promise.race([
      Promise.allSettled([...this.#work]),
      waitOn(this.deps.clock, this.deps.closeWaitMs ?? 20_000, bound.signal),
    ]);
    bound.abort();
    await this.deps.store.close();
  }

  /**
   * Lets go of the data directory without ending anything (the command line, after its command):
   * timers off, no further cleanup attempt, and a step on a target already running finishes, so
   * the directory's lock is never given up in the middle of one. What is left stays on disk for
   * the next sweep, and an Active session keeps its maximum length (the next sweep ends it).
   */
  async detach(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    this.#stopTimers();
    this.#stop.abort();
    await this.#sweepTail;
    await this.idle();
    await this.deps.store.close();
  }

  /** Read through a call: a check after an await must see a quit that began during it. */
  #quitBegan(): boolean {
    return this.#closing;
  }

  #stopTimers(): void {
    this.#sweepTimer?.cancel();
    this.#nextSweepAt = null;
    for (const timer of this.#expiry.values()) timer.cancel();
    this.#expiry.clear();
  }

  /** Resolves when the background work started so far has settled (tests, the command line). */
  async idle(): Promise<void> {
    while (this.#work.size > 0) await Promise.allSettled([...this.#work]);
  }

  // --- provisioning ---

  async #provision(requested: Session, actor: string): Promise<void> {
    let plan: SessionPlan;
    try {
      plan = this.#plan(requested);
    } catch (error) {
      await this.#refuse(requested, actor, messageOf(error));
      return;
    }
    const secretRef = sessionSecretRef(requested.id);
    let password = plan.currentPassword;
    if (requested.jitType === 'create_delete') {
      password = generatePassword(this.deps.settings().passwordPolicy);
      // Sealed while the name is checked: both are done before the creation runs, and a refusal
      // forgets it again (#refuse).
      const sealed = this.deps.vault.put(secretRef, password);
      sealed.catch(() => undefined);
      // A name that exists already is not ours: refused, and the account is left untouched.
      let exists: boolean;
      try {
        exists = await plan.provision.runtime.accountExists({
          target: plan.provision.target,
          login: plan.login.login,
          username: requested.account,
        });
      } catch (error) {
        await sealed.catch(() => undefined);
        await this.#refuse(
          requested,
          actor,
          `Could not check whether ${requested.account} exists: ${checkMessage(error)}`,
        );
        return;
      }
      if (exists) {
        await sealed.catch(() => undefined);
        await this.#refuse(
          requested,
          actor,
          `${requested.account} exists already on ${plan.device.name} and was not created by this session: left untouched`,
        );
        return;
      }
      await sealed;
    }

    type Outcome = { session: Session; error: string | null; refused?: string };
    const outcome = await this.#locks.run(this.#lockKey(requested), async (): Promise<Outcome> => {
      const before = await this.#enabledBefore(requested, plan);
      if (typeof before === 'string') return { session: requested, error: null, refused: before };
      if (before) {
        // Enabled by someone else: nothing to switch on, and so nothing to switch off at the end.
        const provisioning = await this.#move(requested, 'start', {
          target: targetText(plan.provision.target),
          enabledBefore: true,
        });
        await this.#audit(
          provisioning,
          actor,
          'session_provision',
          'success',
          `${requested.account} was enabled before the session: the enable template is not run, and the end leaves it enabled`,
        );
        return { session: provisioning, error: null };
      }
      const operationId = randomUUID();
      const provisioning = await this.#move(requested, 'start', {
        operationIds: [...requested.operationIds, operationId],
        target: targetText(plan.provision.target),
      });
      const run = await this.#execute(provisioning, plan, plan.provision, operationId, password, actor);
      try {
        if (!run.ok) return { session: provisioning, error: run.error };
        try {
          const exists = await plan.provision.runtime.accountExists({
            target: plan.provision.target,
            login: plan.login.login,
            username: provisioning.account,
          });
          if (!exists)
            return { session: provisioning, error: `${provisioning.account} was not found after the run` };
        } catch (error) {
          return { session: provisioning, error: `Verification failed: ${checkMessage(error)}` };
        }
        return { session: provisioning, error: null };
      } finally {
        await run.audited;
      }
    });

    if (outcome.refused !== undefined) {
      await this.#refuse(outcome.session, actor, outcome.refused);
      return;
    }
    if (outcome.error !== null) {
      this.#endRequested.delete(outcome.session.id);
      const ending = await this.#move(outcome.session, 'provisioning_failed', {
        rollback: true,
        error: outcome.error,
      });
      await this.#audit(ending, actor, 'session_provision', 'failure', `${outcome.error}; rolling back`);
      await this.#cleanup(ending, actor);
      return;
    }
    const active = await this.#move(outcome.session, 'provisioned', { error: null });
    await this.#audit(active, actor, 'session_provision', 'success', `Active until ${active.expiresAt}`);
    await this.#activated(active);
  }

  /** A session just Active: an End asked for while it started (or a quit) ends it now; else its timer. */
  async #activated(active: Session): Promise<void> {
    const endBy = this.#endRequested.get(active.id);
    this.#endRequested.delete(active.id);
    if (endBy !== undefined || this.#quitting) {
      const ending = await this.#move(active, 'end', { endedBy: endBy ?? `${systemActor} (quit)` });
      await this.#audit(ending, endBy ?? `${systemActor} (quit)`, 'session_end', 'success', 'End requested');
      await this.#cleanup(ending, endBy ?? systemActor);
      return;
    }
    if (!this.#closing) this.#armExpiry(active);
  }

  async #refuse(session: Session, actor: string, why: string): Promise<void> {
    this.#endRequested.delete(session.id);
    const failed = await this.#move(session, 'refused', { error: why, endedAt: this.#now() });
    await this.#forgetSecret(session.id);
    await this.#audit(failed, actor, 'session_provision', 'failure', `Refused: ${why}`);
  }

  // --- cleanup ---

  /**
   * Disables or deletes the account, ends its sessions on the target, and verifies; a failed attempt
   * is retried with backoff (Settings > cleanup retry) and the last one leaves Needs attention.
   */
  async #cleanup(ending: Session, actor: string, maxAttempts?: number): Promise<void> {
    const retry = this.deps.settings().cleanupRetry;
    let session = ending;
    for (let attempt = 1; ; attempt++) {
      const result = await this.#locks.run(this.#lockKey(session), () => this.#cleanupOnce(session, actor));
      session = result.session;
      if (result.error === null) {
        const done = await this.#move(session, session.rollback ? 'rolled_back' : 'cleaned', {
          endedAt: this.#now(),
          nextAttemptAt: null,
          ...(session.rollback ? {} : { error: null }),
        });
        await this.#forgetSecret(session.id);
        await this.#audit(done, actor, 'session_cleanup', 'success', result.detail);
        return;
      }
      // Not proven ours: no retry deletes it either, a person must look.
      if (attempt >= (maxAttempts ?? retry.maxAttempts) || result.notOurs === true) {
        // The periodic sweep tries it once more then (null: no sweep is due in this process, or
        // the account was not proven ours, which no automatic retry may try again).
        const stuck = await this.#move(session, 'cleanup_exhausted', {
          error: result.error,
          nextAttemptAt: result.notOurs === true ? null : this.#nextSweepAt,
          ...(result.notOurs === true ? { notProvenOurs: true } : {}),
        });
        const next =
          stuck.nextAttemptAt === null ? '' : `; the periodic sweep retries it at ${stuck.nextAttemptAt}`;
        await this.#audit(
          stuck,
          actor,
          'session_cleanup',
          'failure',
          `Needs attention after ${attempt} attempt(s): ${result.error}${next}`,
        );
        return;
      }
      const delay = cleanupDelayMs(retry, attempt + 1, this.deps.random);
      session = await this.#save({
        ...session,
        error: result.error,
        nextAttemptAt: new Date(this.deps.clock.now().getTime() + delay).toISOString(),
        updatedAt: this.#now(),
      });
      await this.#audit(
        session,
        actor,
        'session_cleanup',
        'failure',
        `Attempt ${attempt} failed (${result.error}); next in ${Math.round(delay / 1000)} s`,
      );
      // Quitting: the record stays Ending, and the next start's sweep tries again.
      if (!(await waitOn(this.deps.clock, delay, this.#stop.signal))) return;
    }
  }

  async #cleanupOnce(session: Session, actor: string): Promise<CleanupOutcome> {
    if (isPlainSession(session)) {
      return { session, error: null, detail: 'Plain session: nothing to disable or remove' };
    }
    let plan: SessionPlan;
    try {
      plan = this.#plan(session);
    } catch (error) {
      const counted = await this.#save({
        ...session,
        cleanupAttempts: session.cleanupAttempts + 1,
        updatedAt: this.#now(),
      });
      return { session: counted, error: messageOf(error), detail: '' };
    }
    if (session.jitType === 'enable_disable') {
      if (session.enabledBefore) {
        return { session, error: null, detail: 'Left enabled: it was enabled before the session' };
      }
      // Sessions on one account are counted: it is disabled only when the last one ends.
      const others = this.#sameAccount(session, plan.cleanup.runtime).filter(
        (s) => s.state === 'provisioning' || s.state === 'active',
      );
      if (others.length > 0) {
        return {
          session,
          error: null,
          detail: `Left enabled: ${others.length} other session(s) still use ${session.account}`,
        };
      }
    }
    if (session.rollback && session.jitType === 'create_delete') {
      const proof = await this.#rollbackProof(session, plan, actor);
      if (proof !== 'ours') {
        const counted = await this.#save({
          ...session,
          cleanupAttempts: session.cleanupAttempts + 1,
          nextAttemptAt: null,
          updatedAt: this.#now(),
        });
        return { ...proof, session: counted };
      }
    }
    const operationId = randomUUID();
    const attempting = await this.#save({
      ...session,
      operationIds: [...session.operationIds, operationId],
      cleanupAttempts: session.cleanupAttempts + 1,
      nextAttemptAt: null,
      updatedAt: this.#now(),
    });
    const secretRef = sessionSecretRef(session.id);
    const password =
      session.jitType === 'create_delete' && this.deps.vault.has(secretRef)
        ? this.deps.vault.get(secretRef)
        : plan.currentPassword;
    const run = await this.#execute(attempting, plan, plan.cleanup, operationId, password, actor);
    try {
      return await this.#verifyCleanup(attempting, plan, run);
    } finally {
      await run.audited;
    }
  }

  /** After the cleanup template: the account's live sessions ended, then verified gone (or disabled). */
  async #verifyCleanup(attempting: Session, plan: SessionPlan, run: ExecutedRun): Promise<CleanupOutcome> {
    const session = attempting;
    const request = { target: plan.cleanup.target, login: plan.login.login, username: session.account };
    const { runtime } = plan.cleanup;
    let ended = 0;
    try {
      if (session.jitType === 'create_delete') {
        // Verified gone, whatever the run said (a rollback may find nothing was created).
        let exists: boolean;
        if (run.ok && runtime.endSessionsThenExists)
          ({ exists } = await runtime.endSessionsThenExists(request));
        else {
          if (run.ok) await runtime.endSessions(request);
          exists = await runtime.accountExists(request);
        }
        if (exists) {
          return { session: attempting, error: run.error ?? `${session.account} still exists`, detail: '' };
        }
        return { session: attempting, error: null, detail: `${session.account} removed and verified gone` };
      }
      if (run.ok) ended = await runtime.endSessions(request);
    } catch (error) {
      return { session: attempting, error: `Verification failed: ${checkMessage(error)}`, detail: '' };
    }
    if (!run.ok) return { session: attempting, error: run.error, detail: '' };
    return {
      session: attempting,
      error: null,
      detail: `${session.account} disabled; ${ended} live session(s) ended on the target`,
    };
  }

  /**
   * Before a rollback deletes anything: the account must be the one this session created. A
   * provisioning that failed or was cut short proves nothing (someone may have created the name
   * between our check and our template, or the template never ran), so the account must log in
   * with the password this session generated, which only it knows (the vault, `session:<id>`), or
   * carry the plugin's mark naming this session (SSH's comment, written by useradd itself).
   */
  async #rollbackProof(
    session: Session,
    plan: SessionPlan,
    actor: string,
  ): Promise<'ours' | Omit<CleanupOutcome, 'session'>> {
    const request = this.#accountRequest(session, plan);
    const refusal = (why: string) => ({
      error: `${session.account} exists on ${plan.device.name} and was not proven ours (${why}): not deleted; check the target by hand`,
      detail: '',
      notOurs: true,
    });
    // A sweep's retry does not log in as it again: failed logins may lock someone else's account.
    if (session.notProvenOurs && isSystemActor(actor)) {
      return refusal('not tried again automatically; End the session to try again');
    }
    try {
      if (!(await plan.cleanup.runtime.accountExists(request))) {
        return { error: null, detail: `${session.account} does not exist: nothing to roll back` };
      }
      // A creation cut short between its commands (the account made, its password not yet set):
      // the plugin's mark naming this session proves it, without a login that could not work.
      if (await plan.cleanup.runtime.accountMarkedBy?.(request, session.id)) return 'ours';
      const secretRef = sessionSecretRef(session.id);
      if (!this.deps.vault.has(secretRef)) return refusal("the session's password is gone");
      const password = this.deps.vault.get(secretRef);
      if (await plan.cleanup.runtime.accountLogsIn({ ...request, password })) return 'ours';
      return refusal("it does not log in with the session's password");
    } catch (error) {
      return { error: `Could not check the account before rolling back: ${checkMessage(error)}`, detail: '' };
    }
  }

  /**
   * Whether an Enable/Disable session's account is on already without us: a live session of ours
   * on it says (it inherits that session's answer), else the target does. A string: why the
   * target could not tell (the session is refused, nothing ran).
   */
  async #enabledBefore(session: Session, plan: SessionPlan): Promise<boolean | string> {
    if (session.jitType !== 'enable_disable') return false;
    const others = this.#sameAccount(session, plan.provision.runtime);
    const holders = others.filter((s) => mayHoldAccount(s.state));
    if (holders.length > 0) return holders.some((s) => s.enabledBefore);
    // Our last session on it was force closed after we enabled it (its disable failed): the
    // account is enabled by us still, and this session's end must disable it, not leave it on.
    const last = others.reduce<Session | undefined>(
      (latest, s) => (latest === undefined || s.createdAt > latest.createdAt ? s : latest),
      undefined,
    );
    if (last?.state === 'force_closed' && !last.enabledBefore) return false;
    try {
      return await plan.provision.runtime.accountEnabled(this.#accountRequest(session, plan));
    } catch (error) {
      return `Could not check whether ${session.account} is enabled already: ${checkMessage(error)}`;
    }
  }

  /** The other sessions on the session's account (named as the target compares names). */
  #sameAccount(session: Session, runtime: PluginRuntime): Session[] {
    const key = accountKey(session.account, runtime);
    return this.deps.store
      .all()
      .filter(
        (s) =>
          s.id !== session.id &&
          !isPlainSession(s) &&
          s.deviceId === session.deviceId &&
          accountKey(s.account, runtime) === key,
      );
  }

  #accountRequest(session: Session, plan: SessionPlan): AccountRequest {
    return { target: plan.cleanup.target, login: plan.login.login, username: session.account };
  }

  /** Refuses a generated name longer than the plugins of the credential's templates take. */
  #checkNameLength(
    account: string,
    jit: { createPluginId: PluginId | null; deletePluginId: PluginId | null },
  ): void {
    for (const id of [jit.createPluginId, jit.deletePluginId]) {
      if (id === null) continue;
      const max = this.deps.plugins.get(id)?.accountNames.maxLength;
      if (max !== undefined && account.length > max) {
        throw new ServiceError(
          'invalid_input',
          `The generated account name ${account} has ${account.length} characters, and ${findPlugin(id)?.name ?? id} takes at most ${max}: shorten the user name prefix in Settings`,
        );
      }
    }
  }

  /** One lock per account on a device, named as its target compares names. */
  #lockKey(session: Session): string {
    const runtime = this.deps.plugins.get(session.pluginId);
    return `${session.deviceId}:${runtime ? accountKey(session.account, runtime) : session.account}`;
  }

  // --- shared steps ---

  async #execute(
    session: Session,
    plan: SessionPlan,
    run: PlannedRun,
    operationId: string,
    password: string,
    actor: string,
  ): Promise<ExecutedRun> {
    const { device, credential, login } = plan;
    const how = `${run.template.name} v${run.template.version} as ${login.label}`;
    const kind = `jit-${run.direction}` as const;
    try {
      const operation = await this.deps.executor.execute({
        operationId,
        kind,
        pluginId: run.template.pluginId,
        template: run.template,
        target: run.target,
        login: login.login,
        tags: tagValues({
          username: session.account,
          newPassword: password,
          currentPassword: password,
          login: {
            username: login.credential.username,
            password: login.login.password ?? '',
            domain: login.credential.domain,
          },
          device: { name: device.name, address: device.address },
          additionalInfo: credential.additionalInfo,
          domain: credential.domain,
          expiration: new Date(session.expiresAt),
          sessionId: session.id,
          requester: session.requester,
          custom: {
            credential: this.deps.inventory.credentials.customValues?.(credential.id) ?? noCustomValues,
            device: this.deps.inventory.devices.customValues?.(device.id) ?? noCustomValues,
          },
        }),
        deviceId: device.id,
        deviceLabel: `${device.name} (${device.address})`,
        account: session.account,
        runAs: login.label,
        requester: actor,
        sessionId: session.id,
      });
      const ok = operation.status === 'Successful';
      // The last attempt's own reason (masked by the executor) says what went wrong; the status alone did not.
      const reason = operation.attempts.at(-1)?.error;
      const error = ok
        ? null
        : `${jitExecutionTypes[run.direction]} ended ${operation.status}${reason ? `: ${reason}` : ''} (operation ${operation.id})`;
      const action = run === plan.provision ? 'session_provision' : 'session_cleanup';
      const audited = this.#audit(
        session,
        actor,
        action,
        ok ? 'success' : 'failure',
        `${how} on ${device.name} (${device.address}): ${operation.status}, operation ${operation.id}`,
        run.direction,
      );
      // Awaited by the caller (a failure still surfaces there), not here.
      audited.catch(() => undefined);
      return { ok, error, audited };
    } catch (error) {
      return { ok: false, error: messageOf(error), audited: Promise.resolve() };
    }
  }

  /**
   * The plan as the credential says now, refused when it would act on anything else than what
   * the session started on: another device or host, another JIT type or plugin, another account.
   * Such a session needs a person (Needs attention), never a cleanup aimed elsewhere.
   */
  #plan(session: Session): SessionPlan {
    const plan = planSession(this.deps, session);
    const changed = (what: string) =>
      new ServiceError(
        'conflict',
        `${session.credentialLabel}: ${what} changed since the session started; check the target by hand`,
      );
    if (plan.device.id !== session.deviceId) throw changed('its device');
    if (plan.credential.jit.type !== session.jitType) throw changed('its JIT type');
    if (plan.cleanup.template.pluginId !== session.pluginId) throw changed('its plugin');
    if (session.jitType === 'enable_disable' && plan.credential.username !== session.account)
      throw changed('its user name');
    if (session.target !== null && targetText(plan.cleanup.target) !== session.target)
      throw changed("the device's address or port");
    return plan;
  }

  /** A fresh `<prefix><7 digits>` no live session on the device uses (the target is asked later). */
  #newAccountName(deviceId: number): string {
    const prefix = this.deps.settings().jit.usernamePrefix;
    const taken = new Set(
      this.deps.store
        .all()
        .filter((s) => s.deviceId === deviceId && s.state !== 'ended' && s.state !== 'failed')
        .map((s) => s.account),
    );
    for (let tries = 0; tries < 50; tries++) {
      const name = ephemeralUsername(prefix, this.deps.randomInt ?? randomInt);
      if (!taken.has(name)) return name;
    }
    throw new ServiceError('conflict', 'Could not find a free account name: try again');
  }

  #armExpiry(session: Session): void {
    const ms = Date.parse(session.expiresAt) - this.deps.clock.now().getTime();
    this.#expiry.set(
      session.id,
      this.deps.clock.setTimer(() => {
        this.#expiry.delete(session.id);
        void this.end(session.id, maxLengthActor).catch(() => undefined);
      }, ms),
    );
  }

  #armSweep(): void {
    if (this.#closing) return;
    const every = this.deps.sweepEveryMs ?? 5 * 60_000;
    this.#nextSweepAt = new Date(this.deps.clock.now().getTime() + every).toISOString();
    this.#sweepTimer = this.deps.clock.setTimer(() => {
      // The next one is armed first: a retry of this sweep that fails again says when it is.
      this.#armSweep();
      void this.sweep({ retryNeedsAttention: 'once' }).catch(() => undefined);
    }, every);
  }

  /** Marks the session busy now (synchronously), unless it already is. */
  #claim(id: string): boolean {
    if (this.#busy.has(id)) return false;
    this.#busy.add(id);
    return true;
  }

  /** Runs the first steps of a claimed session; on a failure the claim is let go. */
  async #claimed<T>(id: string, steps: () => Promise<T>): Promise<T> {
    try {
      return await steps();
    } catch (error) {
      this.#busy.delete(id);
      throw error;
    }
  }

  /** Runs a session's background work, one piece at a time per session, and keeps track of it. */
  #drive(id: string, task: () => Promise<void>): void {
    this.#busy.add(id);
    const work = task()
      .catch((error: unknown) => {
        // The record stays in its last state on disk: the next sweep picks it up.
        console.error(`session ${id}: ${kindOf(error)}`);
      })
      .finally(() => {
        this.#busy.delete(id);
        this.#work.delete(work);
        if (this.#workOf.get(id) === work) this.#workOf.delete(id);
      });
    this.#work.add(work);
    this.#workOf.set(id, work);
  }

  async #move(session: Session, event: SessionEvent, changes: Partial<Session>): Promise<Session> {
    const state = nextSessionState(session.state, event);
    if (state === undefined) {
      throw new ServiceError('conflict', `A ${sessionStateLabels[session.state]} session cannot ${event}`);
    }
    return this.#save({ ...session, ...changes, state, updatedAt: this.#now() });
  }

  async #save(session: Session): Promise<Session> {
    const saved = await this.deps.store.save(session);
    this.deps.events.emit('sessions.changed', saved);
    this.deps.events.emit('credentials.changed', { ids: [saved.credentialId] });
    return saved;
  }

  async #audit(
    session: Session,
    actor: string,
    action: 'session_start' | 'session_provision' | 'session_end' | 'session_cleanup' | 'session_force_close',
    result: 'success' | 'failure',
    what: string,
    direction?: string,
  ): Promise<void> {
    await this.deps.audit.record({
      actor,
      action,
      entity: 'credential',
      entityId: session.credentialId,
      label: session.credentialLabel,
      result,
      detail: `Session ${session.id} (${session.account}, ${sessionStateLabels[session.state]}${direction ? `, ${direction}` : ''}): ${what}`,
    });
  }

  /**
   * Once per process, at its first sweep with the vault open: drops the passwords of sessions that
   * are over (the process died between the final state and the secret's removal).
   */
  async #forgetOrphanSecrets(): Promise<void> {
    if (this.#orphansForgotten) return;
    this.#orphansForgotten = true;
    for (const session of this.deps.store.all()) {
      if (isLiveSessionState(session.state)) continue;
      // A vault that cannot write now must not keep the sweep from the sessions that need it.
      await this.#forgetSecret(session.id).catch((error: unknown) => {
        console.error(`session ${session.id}: its password could not be removed: ${kindOf(error)}`);
      });
    }
  }

  /** Drops a session's generated password (there is none for Enable/Disable). */
  async #forgetSecret(id: string): Promise<void> {
    const ref = sessionSecretRef(id);
    if (this.deps.vault.has(ref)) await this.deps.vault.remove(ref);
  }

  #now(): string {
    return this.deps.clock.now().toISOString();
  }
}

/** What a cleanup attempt came to; `notOurs`: the account exists and is not proven ours. */
interface CleanupOutcome {
  readonly session: Session;
  readonly error: string | null;
  readonly detail: string;
  readonly notOurs?: boolean;
}

/**
 * A template run's outcome. `audited`: its audit entry, queued as the run ended and written while
 * the account checks that follow it ask the target (they act on nothing); the caller awaits it
 * before the session's next state is saved. Never rejects unawaited.
 */
interface ExecutedRun {
  readonly ok: boolean;
  readonly error: string | null;
  readonly audited: Promise<void>;
}

/** An account name as the target compares it (LDAP's uid ignores case). */
function accountKey(account: string, runtime: PluginRuntime): string {
  return runtime.accountNames.caseInsensitive ? account.toLowerCase() : account;
}

/** An account check's message is masked and says what failed; other errors are named by kind. */
function checkMessage(error: unknown): string {
  // A target's message, masked: cut, as it goes to the session record and the audit log.
  return error instanceof AccountCheckFailed ? textCut(error.message, 1_000) : messageOf(error);
}

/** A ServiceError's message is safe to show; anything else is named by its kind only. */
function messageOf(error: unknown): string {
  return error instanceof ServiceError ? error.message : kindOf(error);
}

function kindOf(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown error';
}

/** `host:port`, as the session records where it provisioned. */
function targetText(target: { readonly host: string; readonly port: number }): string {
  return `${target.host}:${target.port}`;
}
