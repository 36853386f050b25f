// The session's transition table is what the lifecycle writes to disk before it acts, and what a
// sweep reads after a crash: every allowed move is listed here, and every other move must be refused.
import { describe, expect, it } from 'vitest';
import {
  allowedSessionEvents,
  isFinalSessionState,
  isLiveSessionState,
  mayHoldAccount,
  nextSessionState,
  sessionEvents,
  sessionStates,
  type SessionEvent,
  type SessionState,
} from '../../../shared/domain/session';

const allowed: readonly [SessionState, SessionEvent, SessionState][] = [
  ['requested', 'start', 'provisioning'],
  ['requested', 'refused', 'failed'],
  ['provisioning', 'provisioned', 'active'],
  ['provisioning', 'provisioning_failed', 'ending'],
  ['active', 'end', 'ending'],
  ['ending', 'cleaned', 'ended'],
  ['ending', 'rolled_back', 'failed'],
  ['ending', 'cleanup_exhausted', 'needs_attention'],
  ['needs_attention', 'retry', 'ending'],
  ['needs_attention', 'force_close', 'force_closed'],
];

describe('session states', () => {
  it.each(allowed)('%s --%s--> %s', (from, event, to) => {
    expect(nextSessionState(from, event)).toBe(to);
  });

  it('refuses every move the table does not list', () => {
    const listed = new Set(allowed.map(([from, event]) => `${from}/${event}`));
    const refused: string[] = [];
    for (const state of sessionStates)
      for (const event of sessionEvents)
        if (!listed.has(`${state}/${event}`) && nextSessionState(state, event) !== undefined)
          refused.push(`${state}/${event}`);
    expect(refused).toEqual([]);
  });

  it('has three final states, and no way out of them', () => {
    expect(sessionStates.filter(isFinalSessionState)).toEqual(['ended', 'failed', 'force_closed']);
    for (const state of ['ended', 'failed', 'force_closed'] as const)
      expect(allowedSessionEvents(state)).toEqual([]);
  });

  it('lets every live state reach a final state (no session can be stuck)', () => {
    const canFinish = (state: SessionState, seen: Set<SessionState>): boolean =>
      isFinalSessionState(state) ||
      allowedSessionEvents(state).some((event) => {
        const next = nextSessionState(state, event);
        return next !== undefined && !seen.has(next) && canFinish(next, new Set([...seen, next]));
      });
    for (const state of sessionStates) expect(canFinish(state, new Set([state]))).toBe(true);
  });

  it('reaches every state from requested', () => {
    const reached = new Set<SessionState>(['requested']);
    for (let grew = true; grew;) {
      grew = false;
      for (const state of [...reached])
        for (const event of allowedSessionEvents(state)) {
          const next = nextSessionState(state, event);
          if (next !== undefined && !reached.has(next)) {
            reached.add(next);
            grew = true;
          }
        }
    }
    expect([...reached].sort()).toEqual([...sessionStates].sort());
  });

  it('says which states may leave an account on the target (what a sweep must finish)', () => {
    expect(sessionStates.filter(mayHoldAccount)).toEqual([
      'provisioning',
      'active',
      'ending',
      'needs_attention',
    ]);
    expect(sessionStates.filter(isLiveSessionState)).toEqual([
      'requested',
      'provisioning',
      'active',
      'ending',
      'needs_attention',
    ]);
  });
});
