/** Injected wherever time matters, so tests can fix it. */
export interface Clock {
  now(): Date;
}

/** A timer that has not fired yet can be cancelled; cancelling a fired one does nothing. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * Timers on the same clock, for what must happen at a time (a session's maximum length, the next
 * cleanup attempt): injected apart from `Clock` so that services that only read the time need no
 * more, and so that tests drive the timers with `ManualClock` instead of waiting.
 */
export interface Timers {
  /** Calls `fire` once, `ms` milliseconds of this clock from now (at once when `ms` <= 0). */
  setTimer(fire: () => void, ms: number): TimerHandle;
}

/** Node's setTimeout takes at most 2^31 - 1 ms (about 24.8 days); longer waits are chained. */
const maxNodeDelay = 2 ** 31 - 1;

function systemTimer(fire: () => void, ms: number): TimerHandle {
  let handle: NodeJS.Timeout | undefined;
  const arm = (left: number) => {
    const step = Math.min(Math.max(left, 0), maxNodeDelay);
    handle = setTimeout(() => (left > step ? arm(left - step) : fire()), step);
    // A pending timer must not keep a command-line process alive: the durable session record, not
    // the timer, is what guarantees the cleanup (a sweep at the next start finds it due).
    handle.unref();
  };
  arm(ms);
  return { cancel: () => clearTimeout(handle) };
}

export const systemClock: Clock & Timers = { now: () => new Date(), setTimer: systemTimer };
