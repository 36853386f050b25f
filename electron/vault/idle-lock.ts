import type { TimerHandle, Timers } from '../platform/clock';

export interface IdleLockOptions {
  readonly timers: Timers;
  /** The idle time before the vault locks, read at each activity (Settings can change it); 0 = never. */
  readonly idleMinutes: () => number;
  /** Whether there is anything to lock (a vault unlocked by passphrase). */
  readonly isUnlocked: () => boolean;
  /** Locks the vault; the renderer then shows the Unlock screen (vault.changed). */
  readonly lock: () => Promise<unknown>;
  /** Reports a lock that failed (it never throws into a timer). */
  readonly onError?: (error: unknown) => void;
}

/**
 * Idle auto-lock: every call from a window counts as activity and restarts the countdown; when it
 * runs out with the vault unlocked, the vault is locked. One timer at a time, re-armed on activity,
 * so a busy app costs one cancel and one set per call.
 */
export class IdleLock {
  #timer: TimerHandle | undefined;

  constructor(private readonly options: IdleLockOptions) {}

  /** A window did something: the countdown starts again from the full idle time. */
  activity(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    const minutes = this.options.idleMinutes();
    if (!(minutes > 0)) return;
    this.#timer = this.options.timers.setTimer(() => this.#expire(), minutes * 60_000);
  }

  stop(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
  }

  #expire(): void {
    this.#timer = undefined;
    if (!this.options.isUnlocked()) return;
    this.options.lock().catch((error: unknown) => this.options.onError?.(error));
  }
}
