import type { Clock, TimerHandle, Timers } from './clock';

interface PendingTimer {
  readonly at: number;
  readonly seq: number;
  readonly fire: () => void;
}

/**
 * A clock that moves only when told to, for tests and benches: `advance(ms)` fires every timer that
 * falls due on the way, in time order (ties in the order they were set), with `now()` reading each
 * timer's own instant while it fires. A timer set while firing runs in the same advance if it falls
 * due before its end.
 */
export class ManualClock implements Clock, Timers {
  #now: number;
  #seq = 0;
  readonly #pending = new Set<PendingTimer>();

  constructor(start: Date | string = '2026-01-01T00:00:00Z') {
    this.#now = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  setTimer(fire: () => void, ms: number): TimerHandle {
    const timer: PendingTimer = { at: this.#now + Math.max(ms, 0), seq: this.#seq++, fire };
    this.#pending.add(timer);
    return { cancel: () => this.#pending.delete(timer) };
  }

  /** Timers not fired yet. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advance needs a duration >= 0, got ${ms}`);
    const end = this.#now + ms;
    for (let next = this.#due(end); next; next = this.#due(end)) {
      this.#pending.delete(next);
      this.#now = next.at;
      next.fire();
    }
    this.#now = end;
  }

  #due(end: number): PendingTimer | undefined {
    let first: PendingTimer | undefined;
    for (const timer of this.#pending)
      if (
        timer.at <= end &&
        (!first || timer.at < first.at || (timer.at === first.at && timer.seq < first.seq))
      )
        first = timer;
    return first;
  }
}
