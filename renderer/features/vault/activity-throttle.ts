/** At most one activity report per window in this long (issue 12 item 13: "at most one per 30 s"). */
export const activityReportMs = 30_000;

export interface ActivityThrottle {
  /** User input happened: reports it unless a report went out less than `activityReportMs` ago. */
  readonly input: () => void;
  /** The lock is near: the next input reports at once, whatever the last report's time. */
  readonly rearm: () => void;
}

/**
 * Reports user input to the core sparingly: the idle lock counts whole minutes, so one report per
 * 30 s keeps the vault open while someone types, at the cost of one small call. The first input
 * after a warning reports at once, so moving the mouse puts the lock off before it happens.
 */
export function activityThrottle(report: () => void, now: () => number = Date.now): ActivityThrottle {
  let last = Number.NEGATIVE_INFINITY;
  return {
    input: () => {
      const at = now();
      if (at - last < activityReportMs) return;
      last = at;
      report();
    },
    rearm: () => {
      last = Number.NEGATIVE_INFINITY;
    },
  };
}
