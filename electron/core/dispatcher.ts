import { isMethodName, methods, type MethodName, type Methods } from '../../shared/contract';
import { fail, failureFromZod, ok, type Result } from '../../shared/result';
import type { CallContext, DomainHandlers } from './handler-types';

export type AllHandlers = DomainHandlers<Methods>;

/**
 * The single entry point of both transports: checks the method name, validates the input against
 * the contract, runs the handler, and validates its output. Unexpected exceptions become an
 * `internal` failure whose message is generic: an exception's text may carry target output or a
 * secret, so it only goes to the core's log, by name and message.
 */
export class Dispatcher {
  /** Calls being handled: quitting waits for them, so no write is cut in the middle. */
  readonly #inFlight = new Set<Promise<Result<unknown>>>();
  #draining = false;

  constructor(
    private readonly handlers: AllHandlers,
    private readonly log: (line: string) => void = (line) => console.error(line),
  ) {}

  dispatch(method: unknown, rawInput: unknown, ctx: CallContext): Promise<Result<unknown>> {
    if (this.#draining) return Promise.resolve(fail('unavailable', 'The app is quitting'));
    const call = this.#dispatch(method, rawInput, ctx);
    this.#inFlight.add(call);
    void call.finally(() => this.#inFlight.delete(call));
    return call;
  }

  /**
   * Quitting: new calls are refused, and the calls already running are waited for, up to
   * `waitMs` (a run on a slow target may take longer: its operation record is closed as
   * interrupted at the next start).
   */
  async drain(waitMs: number): Promise<void> {
    this.#draining = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.allSettled([...this.#inFlight]),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, waitMs);
      }),
    ]);
    clearTimeout(timer);
  }

  async #dispatch(method: unknown, rawInput: unknown, ctx: CallContext): Promise<Result<unknown>> {
    if (!isMethodName(method)) {
      return fail('unknown_method', `Unknown method: ${describe(method)}`);
    }
    const spec = methods[method];
    const input = spec.input.safeParse(rawInput);
    if (!input.success) return failureFromZod(input.error);
    try {
      const handler = this.handlers[method] as (i: unknown, c: CallContext) => Promise<Result<unknown>>;
      const result = await handler(input.data, ctx);
      if (!result.ok) return result;
      const output = spec.output.safeParse(result.value);
      if (!output.success) {
        this.log(`${method}: handler returned output that breaks the contract: ${output.error.message}`);
        return fail('internal', `${method} failed inside the core; see the core's log`);
      }
      return ok(output.data);
    } catch (error) {
      this.log(
        `${method} threw: ${error instanceof Error ? `${error.name}: ${error.message}` : 'non-error'}`,
      );
      return fail('internal', `${method} failed inside the core; see the core's log`);
    }
  }

  has(method: string): method is MethodName {
    return isMethodName(method);
  }
}

/** Method names come from untrusted input: quote them, cut them short, never echo a whole payload. */
function describe(value: unknown): string {
  if (typeof value !== 'string') return `(${typeof value})`;
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}
