import { isPlaceholderText } from '../../shared/domain/template';
import { randomUUID } from 'node:crypto';
import type { Operation, OperationStatus } from '../../shared/domain/operation';
import type { PluginId } from '../../shared/domain/plugin';
import type { ConnectionLogin, RunResult, TagValues, TargetEndpoint } from '../plugins/plugin-runtime';
import type { Clock } from '../platform/clock';
import type { PluginRegistry } from '../plugins/registry';
import { ServiceError } from '../services/service-error';
import type { OperationLog } from './operation-log';
import { runErrorText } from './run-error';
import { StorageGuard } from './storage-guard';

export interface TemplateExecutorDeps {
  readonly operations: OperationLog;
  readonly plugins: Pick<PluginRegistry, 'get'>;
  readonly clock: Clock;
}

/** How to retry a failed attempt (the lifecycle's cleanup); one attempt when absent. */
export interface AttemptPolicy {
  readonly maxAttempts: number;
  /** The wait before attempt `next` (2, 3, ...), e.g. exponential backoff with jitter. */
  delayMs(next: number): number;
  /** Waits `ms` on the core's clock (tests drive it); resolves early when `signal` aborts. */
  wait(ms: number, signal: AbortSignal): Promise<void>;
}

/** One template run, resolved: who connects where, with which values, and what to record. */
export interface Execution {
  readonly kind: Operation['kind'];
  readonly pluginId: PluginId;
  readonly template: {
    /** Null for a draft of a template never saved. */
    readonly id: number | null;
    readonly name: string;
    /** Null for a draft (the editor's unsaved text): the operation then keeps the text itself. */
    readonly version: number | null;
    readonly content: string;
  };
  readonly target: TargetEndpoint;
  readonly login: ConnectionLogin;
  readonly tags: TagValues;
  readonly deviceId: number;
  /** `name (address)`. */
  readonly deviceLabel: string;
  /** The account the template acts on. */
  readonly account: string;
  /** `username @ device` of the credential that connects. */
  readonly runAs: string;
  readonly requester: string;
  readonly sessionId: string | null;
  /** Chosen by the caller when it must record the id durably before the run (the lifecycle). */
  readonly operationId?: string;
  readonly attempts?: AttemptPolicy;
  /** Hears each state of the run's operation (the caller's own live view, e.g. a Test dialog). */
  readonly onProgress?: (operation: Operation) => void;
}

const emptyTemplateRefusal: RunResult = {
  ok: false,
  steps: [],
  durationMs: 0,
  failure: {
    kind: 'refused',
    line: 1,
    message: 'The template is empty: it has no command to run, so nothing would change on the device',
    outputTail: '',
  },
};

/** Failure kinds another attempt cannot fix: the template or a value was refused, or a person canceled. */
const finalKinds = new Set(['refused', 'canceled']);

/**
 * Runs a template through its plugin as an operation (Executions > Operations): the record is
 * saved as Running before the plugin connects, each step is announced as it finishes, and every
 * text is masked again before it is stored or shown (StorageGuard). Used by Test on a device, the
 * password change, and the JIT lifecycle; callers audit the use of the secret before calling it.
 *
 * It never throws for what happens on the target: a failed run is an operation that ended Error.
 * It throws a ServiceError only when the plugin is not available (nothing was recorded).
 */
export class TemplateExecutor {
  readonly #running = new Map<string, AbortController>();

  constructor(private readonly deps: TemplateExecutorDeps) {}

  async execute(execution: Execution): Promise<Operation> {
    const runtime = this.deps.plugins.get(execution.pluginId);
    if (!runtime)
      throw new ServiceError('invalid_input', `${execution.pluginId} is not available in this build`);
    const id = execution.operationId ?? randomUUID();
    const controller = new AbortController();
    this.#running.set(id, controller);
    const unwatch = execution.onProgress
      ? this.deps.operations.watch(id, execution.onProgress)
      : () => undefined;
    try {
      const now = this.deps.clock.now().toISOString();
      // Not saved yet: the first attempt's save writes it, Running with that attempt, before the
      // plugin connects (one fsync fewer per run; a JIT session waits on two runs).
      let current: Operation = {
        id,
        kind: execution.kind,
        status: 'Running',
        pluginId: execution.pluginId,
        templateId: execution.template.id,
        templateName: execution.template.name,
        templateVersion: execution.template.version,
        // A draft has no version to look its text up by: the record keeps what ran, masked like
        // its steps (a draft may hold a secret of the run typed in as text).
        ...(execution.template.version === null
          ? {
              templateContent: new StorageGuard(execution.tags, execution.login).text(
                execution.template.content,
              ),
            }
          : {}),
        deviceId: execution.deviceId,
        deviceLabel: execution.deviceLabel,
        account: execution.account,
        runAs: execution.runAs,
        requester: execution.requester,
        sessionId: execution.sessionId,
        createdAt: now,
        updatedAt: now,
        attempts: [],
      };
      const maxAttempts = Math.max(1, execution.attempts?.maxAttempts ?? 1);
      for (let number = 1; ; number++) {
        const attempt = await this.#attempt(current, number, execution, controller.signal);
        current = attempt.operation;
        const policy = execution.attempts;
        const again =
          policy !== undefined &&
          current.status === 'Error' &&
          number < maxAttempts &&
          !controller.signal.aborted &&
          !finalKinds.has(attempt.failureKind ?? '');
        if (!again) return current;
        current = await this.deps.operations.save({
          ...current,
          status: 'Scheduled',
          updatedAt: this.#now(),
        });
        await policy.wait(policy.delayMs(number + 1), controller.signal);
        if (isAborted(controller.signal)) return await this.#canceledWhileWaiting(current);
      }
    } finally {
      unwatch();
      this.#running.delete(id);
    }
  }

  /** Cancels a running (or waiting) operation; false when it is not running here. */
  cancel(id: string): boolean {
    const controller = this.#running.get(id);
    controller?.abort();
    return controller !== undefined;
  }

  /** Whether an operation of this executor is still running or waiting for its next attempt. */
  isRunning(id: string): boolean {
    return this.#running.has(id);
  }

  async #attempt(
    current: Operation,
    number: number,
    execution: Execution,
    signal: AbortSignal,
  ): Promise<{ operation: Operation; failureKind: string | undefined }> {
    const runtime = this.deps.plugins.get(execution.pluginId);
    const startedAt = this.#now();
    const running = { number, startedAt, endedAt: null, status: 'Running' as const, steps: [], error: null };
    const before = current.attempts;
    current = await this.deps.operations.save({
      ...current,
      status: 'Running',
      updatedAt: startedAt,
      attempts: [...before, running],
    });
    const guard = new StorageGuard(execution.tags, execution.login);
    const steps: Operation['attempts'][number]['steps'] = [];
    let result: RunResult;
    try {
      if (!runtime) throw new Error('plugin gone');
      // Nothing to send: a run would report success having changed nothing on the device.
      if (isPlaceholderText(execution.pluginId, execution.template.content)) result = emptyTemplateRefusal;
      else
        result = await runtime.run({
          template: execution.template.content,
          target: execution.target,
          login: execution.login,
          tags: execution.tags,
          signal,
          onStep: (step) => {
            steps.push(guard.step(step));
            this.deps.operations.announce({
              ...current,
              attempts: [...before, { ...running, steps: [...steps] }],
            });
          },
        });
    } catch (error) {
      // Plugins report target failures as values; anything thrown is still a failed attempt,
      // recorded by its kind only (a message could carry target output).
      result = {
        ok: false,
        steps,
        durationMs: 0,
        failure: {
          kind: 'target',
          line: null,
          message: `The plugin failed (${error instanceof Error ? error.name : 'unknown error'})`,
          outputTail: '',
        },
      };
    }
    const failure = result.failure;
    const status: OperationStatus = result.ok
      ? 'Successful'
      : failure?.kind === 'canceled'
        ? 'Canceled'
        : 'Error';
    const error = failure ? runErrorText(failure, (text) => guard.text(text)) : null;
    const endedAt = this.#now();
    const operation = await this.deps.operations.save({
      ...current,
      status,
      updatedAt: endedAt,
      attempts: [
        ...before,
        { number, startedAt, endedAt, status, steps: result.steps.map((step) => guard.step(step)), error },
      ],
    });
    return { operation, failureKind: failure?.kind };
  }

  #canceledWhileWaiting(current: Operation): Promise<Operation> {
    return this.deps.operations.save({ ...current, status: 'Canceled', updatedAt: this.#now() });
  }

  #now(): string {
    return this.deps.clock.now().toISOString();
  }
}

/** A call, so that the compiler does not keep `aborted` narrowed across the await before it. */
function isAborted(signal: AbortSignal): boolean {
  return signal.aborted;
}
