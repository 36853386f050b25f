import type { CancelSignal, RunTimeouts } from '../plugin-runtime';

export type InterruptKind = 'canceled' | 'timeout';

/** A wait that ended because the caller canceled or the target did not answer in time. */
export class Interrupted extends Error {
  constructor(
    readonly kind: InterruptKind,
    message: string,
  ) {
    super(message);
    this.name = 'Interrupted';
  }
}

export const defaultTimeouts: RunTimeouts = { connectSeconds: 10, readSeconds: 30 };

/** The request's timeouts, defaults for those missing or not a positive number. */
export function resolveTimeouts(partial: Partial<RunTimeouts> | undefined): RunTimeouts {
  const pick = (value: number | undefined, fallback: number): number =>
    value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
  return {
    connectSeconds: pick(partial?.connectSeconds, defaultTimeouts.connectSeconds),
    readSeconds: pick(partial?.readSeconds, defaultTimeouts.readSeconds),
  };
}

export interface GuardOptions {
  readonly signal?: CancelSignal | undefined;
  readonly timeoutSeconds: number;
  /** What is being waited for, for the message: "connecting", "statement". */
  readonly what: string;
  /**
   * Called once when the wait is cut short, before the promise rejects: close the connection here,
   * so the work still running on the target side stops too and nothing is left half-open.
   */
  readonly onInterrupt: () => void;
}

/**
 * `work`, unless the signal aborts or the timeout passes first. Our own deadline rather than each
 * driver's: the three drivers report theirs in three different ways, and some keep the connection.
 */
export function guarded<T>(work: Promise<T>, options: GuardOptions): Promise<T> {
  const { signal, timeoutSeconds, what, onInterrupt } = options;
  const canceled = `Canceled while ${what}`;
  if (signal?.aborted === true) {
    // The work may still settle later (usually rejected by the closed connection): ignore it.
    work.catch(() => undefined);
    onInterrupt();
    return Promise.reject(new Interrupted('canceled', canceled));
  }
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (settle: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const interrupt = (kind: InterruptKind, message: string): void => {
      finish(() => {
        work.catch(() => undefined);
        onInterrupt();
        reject(new Interrupted(kind, message));
      });
    };
    function onAbort(): void {
      interrupt('canceled', canceled);
    }
    const timer = setTimeout(
      () => interrupt('timeout', `No answer within ${timeoutSeconds} s while ${what}`),
      timeoutSeconds * 1000,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error instanceof Error ? error : new Error(String(error)))),
    );
  });
}
