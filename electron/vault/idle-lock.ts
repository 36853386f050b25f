import type { TimerHandle, Timers } from '../platform/clock';

/** How long before the idle lock the windows are warned (issue: "Locking in 60 s"). */
export const idleWarningMs = 60_000;

export interface IdleLockOptions {
  readonly timers: Timers;
  /** The idle time before the vault locks, read at each activity (Settings can change it); 0 = never. */
  readonly idleMinutes: () => number;
  /** Whether there is anything to lock (a vault unlocked by passphrase). */
  readonly isUnlocked: () => boolean;
  /** Locks the vault; the renderer then shows the Unlock screen (vault.changed). */
  readonly lock: () => Promise<unknown>;
  /**
   * The lock is near (`secondsLeft`), or, with null, activity put off a warning already given: the
   * windows show or hide their "Locking in 60 s" banner.
   */
  readonly warn?: (secondsLeft: number | null) => void;
  /** Reports a lock that failed (it never throws into a timer). */
  readonly onError?: (error: unknown) => void;
}

/**
 * Idle auto-lock: every call from a window counts as activity and restarts the countdown (the
 * renderer reports user input as `vault.activity`, so typing in a long form counts too). The
 * countdown warns first, `idleWarningMs` before its end (half the idle time when that is shorter),
 * then locks the vault if it is still unlocked. One timer at a time, re-armed on activity, so a busy
 * app costs one cancel and one set per call.
 */
export class IdleLock {
  #timer: TimerHandle | undefined;
  #warned = false;

  constructor(private readonly options: IdleLockOptions) {}

  /** A window did something: the countdown starts again from the full idle time. */
  activity(): void {
    this.#cancel();
    if (this.#warned) {
      this.#warned = false;
      this.options.warn?.(null);
    }
    const minutes = this.options.idleMinutes();
    if (!(minutes > 0)) return;
    const idleMs = minutes * 60_000;
    const leadMs = Math.min(idleWarningMs, idleMs / 2);
    this.#timer = this.options.timers.setTimer(() => this.#warn(leadMs), idleMs - leadMs);
  }

  /** Quitting: no warning and no lock any more (the windows are going away). */
  stop(): void {
    this.#cancel();
    this.#warned = false;
  }

  #cancel(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
  }

  #warn(leadMs: number): void {
    // Locked meanwhile: nothing to warn of or lock (the next unlock starts a new countdown).
    if (!this.options.isUnlocked()) {
      this.#timer = undefined;
      return;
    }
    this.#timer = this.options.timers.setTimer(() => this.#expire(), leadMs);
    this.#warned = true;
    this.options.warn?.(Math.round(leadMs / 1000));
  }

  #expire(): void {
    this.#timer = undefined;
    this.#warned = false;
    if (!this.options.isUnlocked()) return;
    this.options.lock().catch((error: unknown) => this.options.onError?.(error));
  }
}
