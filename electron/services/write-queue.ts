/**
 * Runs async tasks one at a time, in call order. The device, template and credential services
 * share one queue: each write checks its rules against in-memory state, then awaits the vault
 * and the audit log, and without the queue a second write could slip in between the check and
 * the write (two saves of one name, a credential deactivated while another picks it as its
 * authentication credential).
 *
 * Tasks must not enqueue on the same queue and wait for it (that would deadlock): cross-service
 * calls made inside a task (e.g. a device deactivating its credentials) use methods documented
 * as "runs inside the caller's task".
 */
export class WriteQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    // A failed task must not block the ones after it; its caller sees the failure.
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
