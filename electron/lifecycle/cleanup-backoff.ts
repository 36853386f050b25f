import type { Settings } from '../../shared/domain/settings';
import type { Timers } from '../platform/clock';

/**
 * The wait before cleanup attempt `next` (2, 3, ...): exponential from the base delay, capped, with
 * "equal jitter" (half fixed, half random) so that many sessions failing together (a target down)
 * do not all retry at the same instant.
 */
export function cleanupDelayMs(
  retry: Settings['cleanupRetry'],
  next: number,
  random: () => number = Math.random,
): number {
  const exponential = retry.baseDelaySeconds * 2 ** Math.max(0, next - 2);
  const capped = Math.min(exponential, retry.maxDelaySeconds) * 1000;
  return Math.round(capped / 2 + (capped / 2) * random());
}

/** Waits `ms` on the injected timers; resolves early (false) when `signal` aborts. */
export function waitOn(timers: Timers, ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      handle.cancel();
      resolve(false);
    };
    const handle = timers.setTimer(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
