/**
 * Slows down guessing at the Unlock screen: the first few wrong passphrases cost nothing more than
 * scrypt's own time, every later one doubles the wait before the next attempt is even tried, up
 * to a ceiling. A right passphrase starts over. In memory only: someone who can restart the app
 * can also copy vault.json and guess offline, where scrypt's cost is the protection.
 */
export class UnlockThrottle {
  #failures = 0;
  #notBefore = 0;

  constructor(
    private readonly freeAttempts = 3,
    private readonly maxDelayMs = 5 * 60_000,
  ) {}

  /** Milliseconds to wait before an attempt may be tried, 0 when it may be now. */
  waitMs(nowMs: number): number {
    return Math.max(0, this.#notBefore - nowMs);
  }

  /** Records a wrong passphrase; returns the wait it imposes on the next attempt (ms). */
  failed(nowMs: number): number {
    this.#failures += 1;
    const over = this.#failures - this.freeAttempts;
    const delay = over <= 0 ? 0 : Math.min(this.maxDelayMs, 1000 * 2 ** over);
    this.#notBefore = nowMs + delay;
    return delay;
  }

  succeeded(): void {
    this.#failures = 0;
    this.#notBefore = 0;
  }
}
