/** The most notices a connection keeps between two takes: the latest ones. */
export const noticeLimit = 100;
/** The longest notice text kept (characters); a longer one is cut. */
export const noticeTextLimit = 4096;

/**
 * The NOTICE messages a connection has received since they were last taken, bounded: a statement
 * raising millions of notices (or huge ones) costs at most `limit` × `textLimit` characters, and
 * the latest are kept, with a line saying how many earlier ones were dropped.
 */
export class NoticeBuffer {
  #notices: string[] = [];
  #dropped = 0;

  constructor(
    private readonly limit = noticeLimit,
    private readonly textLimit = noticeTextLimit,
  ) {}

  push(message: string): void {
    const text = message.length > this.textLimit ? `${message.slice(0, this.textLimit)}…` : message;
    this.#notices.push(text);
    if (this.#notices.length > this.limit) {
      this.#notices.shift();
      this.#dropped++;
    }
  }

  /** The kept notices, oldest first (after a count of the dropped ones, if any); empties the buffer. */
  take(): string[] {
    const taken =
      this.#dropped > 0 ? [`(${this.#dropped} earlier notices not kept)`, ...this.#notices] : this.#notices;
    this.#notices = [];
    this.#dropped = 0;
    return taken;
  }

  get size(): number {
    return this.#notices.length;
  }
}
