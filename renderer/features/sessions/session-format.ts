/**
 * How sessions read on screen (the session view, Remote sessions and its dialogs say things the
 * same way), and the pure rules the screens follow: who may start one, when the time-left warnings
 * fire. Kept free of React so they are unit-tested on their own.
 */
import type { ChipProps } from '@mui/material/Chip';
import type { Credential } from '../../../shared/domain/credential';
import { jitPairs } from '../../../shared/domain/jit';
import {
  isPlainSession,
  isSessionInUse,
  maxLengthActor,
  plainSessionPlugin,
  sessionStateLabels,
  type Session,
  type SessionState,
} from '../../../shared/domain/session';

export const stateColors: Record<SessionState, ChipProps['color']> = {
  requested: 'info',
  provisioning: 'info',
  active: 'success',
  ending: 'info',
  ended: 'default',
  failed: 'error',
  needs_attention: 'warning',
  force_closed: 'warning',
};

export const stateLabel = (state: SessionState): string => sessionStateLabels[state];

/**
 * Why Start session is not offered for this credential, or undefined when it is. The core checks
 * again (and more: the templates, the device's port, the login); this only keeps the button from
 * promising what the settings cannot do. A credential without JIT starts a plain session (its
 * stored secret, nothing provisioned) when its device lists SSH, PostgreSQL or MySQL.
 */
export function sessionStartBlocked(
  credential: Pick<Credential, 'deleted' | 'jit'> &
    Partial<Pick<Credential, 'hasPassword' | 'hasKey' | 'additionalInfo'>>,
  deviceProtocols: readonly string[] = [],
): string | undefined {
  if (credential.deleted) return 'Deleted: kept for audit';
  const { jit } = credential;
  if (!jit.enabled || jit.type === null) {
    if (plainSessionPlugin(deviceProtocols, credential.additionalInfo ?? '') === null)
      return 'Not a JIT credential, and its device lists no SSH, PostgreSQL or MySQL port';
    if (credential.hasPassword !== true && credential.hasKey !== true)
      return 'Not a JIT credential, and no password or key is stored for it';
    return undefined;
  }
  const { provision, cleanup } = jitPairs[jit.type];
  for (const direction of [provision, cleanup]) {
    if (jit[`${direction}PluginId`] === null || jit[`${direction}TemplateId`] === null) {
      return `No ${direction} template in its JIT settings`;
    }
  }
  if (!jit.useOwnCredential && jit.authCredentialId === null) {
    return 'No authentication credential in its JIT settings';
  }
  return undefined;
}

/** Started and not yet ending (the rule shared with the core's session presence). */
export const isInUse = isSessionInUse;

/** The device's name: the session keeps `user @ device` as it was when it started. */
export function deviceOf(session: Pick<Session, 'credentialLabel'>): string {
  const at = session.credentialLabel.lastIndexOf(' @ ');
  return at === -1 ? session.credentialLabel : session.credentialLabel.slice(at + 3);
}

/** `1 h 05 min`, `4 min 09 s`, `12 s`: a length of time to the second, never negative. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h} h ${two(m)} min`;
  if (m > 0) return `${m} min ${two(s)} s`;
  return `${s} s`;
}

/** How long the session ran (or has run so far, for a live one). */
export function sessionDuration(session: Pick<Session, 'createdAt' | 'endedAt'>, now: number): string {
  const end = session.endedAt === null ? now : Date.parse(session.endedAt);
  return formatDuration(end - Date.parse(session.createdAt));
}

/** What the session view says once a session is Ended: why, and what its end did on the target. */
export function endedMessage(session: Pick<Session, 'kind' | 'endedBy'>): string {
  const why =
    session.endedBy === maxLengthActor
      ? 'The session reached its maximum length: it ended'
      : 'The session ended';
  return isPlainSession(session)
    ? `${why}. It was a plain session: nothing was enabled or created, so nothing was cleaned up.`
    : `${why} and its account was cleaned up.`;
}

/** The time-left warnings, in minutes before the maximum length ends the session. */
export const expiryWarnings = [15, 10, 5] as const;
export type ExpiryWarning = (typeof expiryWarnings)[number];

/** The last warning `msLeft` has passed (5 once under five minutes), or undefined above fifteen. */
export function expiryWarning(msLeft: number): ExpiryWarning | undefined {
  let passed: ExpiryWarning | undefined;
  for (const minutes of expiryWarnings) if (msLeft <= minutes * 60_000) passed = minutes;
  return passed;
}

/**
 * What an End or Close answer says: the core answers once the cleanup is recorded, or with Ending
 * when it still runs after a bound (its retries wait), so this says what has happened.
 */
export function endAnswerText(session: Pick<Session, 'state' | 'error' | 'kind'>, label: string): string {
  switch (session.state) {
    case 'ended':
      return isPlainSession(session)
        ? `The plain session of ${label} ended (nothing to clean up)`
        : `The session of ${label} ended and its account was cleaned up`;
    case 'needs_attention':
      return `The cleanup of ${label} failed${session.error === null ? '' : `: ${session.error}`}. Retry it or force close the session.`;
    case 'ending':
      return `The session of ${label} is ending: its cleanup is still running (Remote sessions follows it)`;
    case 'failed':
      // Ended while it started, and its provisioning failed (refused, or rolled back and verified).
      return `The session of ${label} never became active: ${session.error ?? 'its provisioning failed'}. Nothing of it is left on the device`;
    case 'force_closed':
      return `The session of ${label} was force closed: its account may remain on the device`;
    default:
      return `The session of ${label} ends as soon as it is Active`;
  }
}

/**
 * How an End or Close answer is shown: done (Ended, or a start that failed with nothing left),
 * still going (Ending, or not Active yet), or a cleanup that did not happen (Needs attention, Force
 * closed), which is never shown as a success.
 */
export function endAnswerSeverity(session: Pick<Session, 'state'>): 'success' | 'info' | 'warning' {
  switch (session.state) {
    case 'ended':
    case 'failed':
      return 'success';
    case 'needs_attention':
    case 'force_closed':
      return 'warning';
    default:
      return 'info';
  }
}
