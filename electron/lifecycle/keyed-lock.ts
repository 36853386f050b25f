/**
 * One task at a time per key. The lifecycle serialises what it does to one account on one device
 * (key `device:account`): an enable and a disable of the same account must not interleave, or the
 * count of the sessions using it could be read before the other one changed it.
 */
export class KeyedLock {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.#tails.get(key) ?? Promise.resolve();
    const result = before.then(task, task);
    const tail = result.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}
