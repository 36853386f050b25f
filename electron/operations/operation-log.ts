import { join } from 'node:path';
import { operationSchema, type Operation, type OperationFilter } from '../../shared/domain/operation';
import type { EventBus } from '../platform/event-bus';
import type { Clock } from '../platform/clock';
import type { StoreProblem } from '../storage/config-store';
import { JsonlAppender } from '../storage/jsonl/jsonl-appender';
import { describeBadLines, readJsonLines } from '../storage/jsonl/read-json-lines';

export const operationsFileName = 'operations.jsonl';

export interface OperationLogOptions {
  readonly dir: string;
  readonly clock: Clock;
  readonly events: Pick<EventBus, 'emit'>;
}

const unfinished = new Set<Operation['status']>(['Scheduled', 'Running']);

/**
 * Every template run, append-only: each change of an operation appends its whole new state as one
 * line (`operations.jsonl`), and the last line of an id wins on reading. Nothing is rewritten, so
 * the file is the history of every attempt. Steps stream to the screen as events while a run goes
 * on; the file gets the operation when it starts and when it ends.
 */
export class OperationLog {
  readonly #byId = new Map<string, Operation>();
  readonly #watchers = new Map<string, Set<(operation: Operation) => void>>();
  readonly #file: JsonlAppender;
  #tail: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly options: OperationLogOptions,
    readonly problems: readonly StoreProblem[],
    loaded: ReturnType<typeof readJsonLines<Operation>>,
  ) {
    this.#file = new JsonlAppender(join(options.dir, operationsFileName), loaded);
    for (const op of loaded.items) this.#byId.set(op.id, op);
  }

  static open(options: OperationLogOptions): OperationLog {
    const path = join(options.dir, operationsFileName);
    const loaded = readJsonLines(path, (json) => {
      const parsed = operationSchema.safeParse(json);
      return parsed.success ? parsed.data : undefined;
    });
    return new OperationLog(options, describeBadLines(path, 'operations log', loaded.badLines), loaded);
  }

  /**
   * Operations left Scheduled or Running by a previous run of the app (it quit or crashed while
   * they ran) end as Error now, so none stays "Running" forever.
   */
  async closeInterrupted(): Promise<number> {
    const stale = [...this.#byId.values()].filter((op) => unfinished.has(op.status));
    for (const op of stale) {
      const at = this.options.clock.now().toISOString();
      await this.save({
        ...op,
        status: 'Error',
        updatedAt: at,
        attempts: op.attempts.map((a) =>
          unfinished.has(a.status)
            ? { ...a, status: 'Error', endedAt: at, error: 'Interrupted: the app stopped while this ran' }
            : a,
        ),
      });
    }
    return stale.length;
  }

  get(id: string): Operation | undefined {
    return this.#byId.get(id);
  }

  /**
   * Appends the operation's new state (fsync'ed) and tells the screens. Queued at once, in call
   * order: saves made together share one fsync, and resolve in file order.
   */
  save(operation: Operation): Promise<Operation> {
    const result = (async () => {
      const valid = operationSchema.parse(operation);
      await this.#file.append(valid);
      this.#byId.set(valid.id, valid);
      this.options.events.emit('operations.changed', valid);
      this.#tellWatchers(valid);
      return valid;
    })();
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /**
   * Shows a live state on screen without writing it (steps as they arrive). It is kept in memory
   * too, so a screen opened mid-run gets the steps so far from `get` and `list`, not only the
   * empty attempt saved at the start.
   */
  announce(operation: Operation): void {
    const known = this.#byId.get(operation.id);
    if (known && unfinished.has(known.status)) this.#byId.set(operation.id, operation);
    this.options.events.emit('operations.changed', operation);
    this.#tellWatchers(operation);
  }

  /**
   * Hears every state of one operation (saved or announced) until the returned function is
   * called: how a run's progress reaches only the caller that started it.
   */
  watch(id: string, listener: (operation: Operation) => void): () => void {
    const listeners = this.#watchers.get(id) ?? new Set();
    listeners.add(listener);
    this.#watchers.set(id, listeners);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.#watchers.delete(id);
    };
  }

  #tellWatchers(operation: Operation): void {
    for (const listener of this.#watchers.get(operation.id) ?? []) {
      try {
        listener(operation);
      } catch (error) {
        // A caller gone away must not stop the run.
        console.error('operation watcher failed:', error instanceof Error ? error.message : error);
      }
    }
  }

  list(filter: OperationFilter, offset: number, limit: number): { total: number; operations: Operation[] } {
    const text = filter.text?.toLowerCase();
    const matching = [...this.#byId.values()]
      .filter(
        (op) =>
          (!filter.status || op.status === filter.status) &&
          (!filter.kind || op.kind === filter.kind) &&
          (!filter.pluginId || op.pluginId === filter.pluginId) &&
          (!text ||
            [op.templateName, op.deviceLabel, op.account, op.runAs, op.requester].some((f) =>
              f.toLowerCase().includes(text),
            )),
      )
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    return { total: matching.length, operations: matching.slice(offset, offset + limit) };
  }

  async close(): Promise<void> {
    await this.#tail;
    await this.#file.close();
  }
}
