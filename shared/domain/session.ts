/**
 * A JIT session and its states, as a pure transition table. The lifecycle (electron/lifecycle/)
 * writes the record's next state to disk before it acts on a target, so after a crash the state
 * alone says what may exist there; the renderer shows the same states in the credential lists.
 *
 *   requested ──start──▶ provisioning ──provisioned──▶ active ──end──▶ ending ──cleaned──▶ ended
 *       │                     │                                         │  ▲
 *       └──refused──▶ failed ◀┼──────────────rolled_back────────────────┤  │ retry
 *                             └──provisioning_failed──▶ ending          ▼  │
 *                                                          needs_attention ──force_close──▶ force_closed
 */
import { z } from 'zod';
import { idSchema, isoDateSchema } from './common';
import { jitTypeSchema } from './jit';
import { pluginIdSchema } from './plugin';

export const sessionStates = [
  'requested',
  'provisioning',
  'active',
  'ending',
  'ended',
  'failed',
  'needs_attention',
  'force_closed',
] as const;
export const sessionStateSchema = z.enum(sessionStates);
export type SessionState = z.infer<typeof sessionStateSchema>;

export const sessionStateLabels: Readonly<Record<SessionState, string>> = {
  requested: 'Requested',
  provisioning: 'Provisioning',
  active: 'Active',
  ending: 'Ending',
  ended: 'Ended',
  failed: 'Failed',
  needs_attention: 'Needs attention',
  force_closed: 'Force closed',
};

export const sessionEvents = [
  /** The provisioning template is about to run (written before it runs). */
  'start',
  /** Refused before anything ran on the target (an unmanaged account, a locked vault...). */
  'refused',
  /** The account is enabled or created, and verified. */
  'provisioned',
  /** Provisioning failed or half-succeeded: what it may have done must be undone. */
  'provisioning_failed',
  /** The user ended it, its maximum length passed, or the app is quitting. */
  'end',
  /** Cleanup ran and the account is verified disabled or gone. */
  'cleaned',
  /** Cleanup after a failed provisioning ran and is verified. */
  'rolled_back',
  /** Cleanup's last attempt failed: a person must look. */
  'cleanup_exhausted',
  /** A sweep (or a person) tries the cleanup of a needs-attention session again. */
  'retry',
  /** A person drops a needs-attention session without cleanup; a reason is required and audited. */
  'force_close',
] as const;
export type SessionEvent = (typeof sessionEvents)[number];

const table: Readonly<Record<SessionState, Partial<Readonly<Record<SessionEvent, SessionState>>>>> = {
  requested: { start: 'provisioning', refused: 'failed' },
  provisioning: { provisioned: 'active', provisioning_failed: 'ending' },
  active: { end: 'ending' },
  ending: { cleaned: 'ended', rolled_back: 'failed', cleanup_exhausted: 'needs_attention' },
  needs_attention: { retry: 'ending', force_close: 'force_closed' },
  ended: {},
  failed: {},
  force_closed: {},
};

/** The state after `event`, or undefined when the event is not allowed in `state`. */
export function nextSessionState(state: SessionState, event: SessionEvent): SessionState | undefined {
  return table[state][event];
}

/** The events allowed in `state` (none in a final state). */
export function allowedSessionEvents(state: SessionState): SessionEvent[] {
  return sessionEvents.filter((event) => table[state][event] !== undefined);
}

/** No event leaves these states: the record is history. */
export function isFinalSessionState(state: SessionState): boolean {
  return allowedSessionEvents(state).length === 0;
}

/**
 * Whether the target may hold the account enabled or existing because of this session: what a
 * start-up sweep must drive to its end. `requested` has not acted yet (the state moves to
 * `provisioning` on disk before the template runs); a force-closed session is a person's
 * responsibility by then, audited with their reason.
 */
export function mayHoldAccount(state: SessionState): boolean {
  return state === 'provisioning' || state === 'active' || state === 'ending' || state === 'needs_attention';
}

/**
 * Started and not yet ending: what leaving the view or closing the tab would abandon (an Ending
 * session is already being cleaned up; one that needs attention is an administrator's matter).
 */
export const isSessionInUse = (state: SessionState): boolean =>
  state === 'requested' || state === 'provisioning' || state === 'active';

/** The states the credential lists show as the live Session status. */
export function isLiveSessionState(state: SessionState): boolean {
  return !isFinalSessionState(state);
}

/**
 * One session, as the lifecycle keeps it on disk and the renderer lists it. Never a secret: the
 * generated password of a created account lives in the vault under the session, not here.
 */
export const sessionSchema = z.object({
  id: z.string().min(1).max(64),
  /** The JIT credential the session is for. */
  credentialId: idSchema,
  /** `username @ device` of that credential, as it was when the session started. */
  credentialLabel: z.string(),
  deviceId: idSchema,
  jitType: jitTypeSchema,
  pluginId: pluginIdSchema,
  /** The account on the target: the credential's own (Enable/Disable) or the generated one. */
  account: z.string(),
  requester: z.string(),
  state: sessionStateSchema,
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
  /** The maximum session length ends the session here, with or without a window open. */
  expiresAt: isoDateSchema,
  endedAt: isoDateSchema.nullable(),
  /** The operations run for the session (provisioning, cleanup, verification), oldest first. */
  operationIds: z.array(z.string()),
  /** Cleanup attempts so far, and when the next one is due (null when none is planned). */
  cleanupAttempts: z.number().int().min(0),
  nextAttemptAt: isoDateSchema.nullable(),
  /** Why the last step failed, masked; null when it did not. */
  error: z.string().nullable(),
  /** Required by Force close, and audited. */
  forceCloseReason: z.string().nullable(),
  /**
   * The cleanup undoes a provisioning that failed or was cut short (it ends Failed, not Ended).
   * Kept on the record so a sweep after a crash knows which end an Ending session goes to.
   */
  rollback: z.boolean().default(false),
  /**
   * Where the provisioning ran (`host:port`), written with Provisioning: cleanup runs there or
   * nowhere, so an address edited during the session cannot send it to another host.
   */
  target: z.string().max(300).nullable().default(null),
  /**
   * Enable/Disable: the account was already enabled when the session started, and no session of
   * ours had enabled it. The session then enables nothing and its end disables nothing: the
   * product switches off only what it switched on. (False in records written before the field.)
   */
  enabledBefore: z.boolean().default(false),
  /**
   * A rollback found the account and could not prove it ours (it did not log in with the session's
   * password): automatic retries do not try that login again (failed logins may lock out someone
   * else's account); a person's End does.
   */
  notProvenOurs: z.boolean().default(false),
  /**
   * `plain`: a credential without JIT, opened with its stored password or key; nothing is
   * enabled, created, disabled or removed, but the session is recorded, audited and transcribed
   * all the same. Absent (records written before the field, and JIT sessions): `jit`.
   */
  kind: z.enum(['jit', 'plain']).optional(),
  /**
   * Who or what ended it: a user name, or a system actor such as `maxLengthActor` (absent while it
   * runs, and in records written before the field).
   */
  endedBy: z.string().max(300).optional(),
  /**
   * Where it was started. The app's sessions live as long as its process, whose terminals and
   * consoles go with it: one found Active by a process that did not start it is left over from an
   * app that stopped without ending it (a crash, a kill), and is ended then. The command line's
   * outlive the command, by design. Absent in records written before the field: left Active.
   */
  startedIn: z.enum(['app', 'cli']).optional(),
});
export type Session = z.infer<typeof sessionSchema>;

/** What ends a session at its maximum length (the record's endedBy, the audit's actor). */
export const maxLengthActor = 'system (maximum session length)';

/** What ends a session whose every view was closed with its tab or window (session-presence.ts). */
export const viewClosedActor = 'system (its view was closed)';

/** How long a session whose views are all gone waits for one to come back (a reload) before it ends. */
export const viewGraceMs = 15_000;

/** What ends an app's session that the app stopped without ending (see `startedIn`). */
export const appStoppedActor = 'system (the app stopped during the session)';

/** Whether a session is a plain one (a credential without JIT: nothing provisioned or cleaned up). */
export const isPlainSession = (session: Pick<Session, 'kind'>): boolean => session.kind === 'plain';

/**
 * The plugin a plain session of a credential opens, from the protocols its device lists: a
 * credential naming a database (its Additional information) is a database account, else SSH
 * comes first. Null: the device lists none a session can use.
 */
export function plainSessionPlugin(
  listed: readonly string[],
  additionalInfo: string,
): SessionPluginId | null {
  return plainSessionPlugins(listed, additionalInfo)[0] ?? null;
}

/** The plugins a session can open (a terminal, or an SQL console). */
export const sessionPluginIds = ['ssh', 'postgresql', 'mysql'] as const;
export type SessionPluginId = (typeof sessionPluginIds)[number];
export const sessionPluginIdSchema = z.enum(sessionPluginIds);

/**
 * Every plugin a plain session of a credential could open on its device, the default first (see
 * plainSessionPlugin): what Start session offers to choose from when there are several.
 */
export function plainSessionPlugins(listed: readonly string[], additionalInfo: string): SessionPluginId[] {
  const byProtocol = { SSH: 'ssh', PostgreSQL: 'postgresql', MySQL: 'mysql' } as const;
  const order =
    additionalInfo.trim() === ''
      ? (['SSH', 'PostgreSQL', 'MySQL'] as const)
      : (['PostgreSQL', 'MySQL', 'SSH'] as const);
  return order.filter((p) => listed.includes(p)).map((p) => byProtocol[p]);
}

export const sessionFilterSchema = z.object({
  /** Only sessions that are not over yet (what the credential lists show). */
  live: z.boolean().optional(),
  credentialId: idSchema.optional(),
  state: sessionStateSchema.optional(),
  /** Matched case-insensitively against the account, the credential (`user @ device`) and the requester. */
  text: z.string().trim().max(200).optional(),
});
export type SessionFilter = z.infer<typeof sessionFilterSchema>;
