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
  constructor(
    private readonly handlers: AllHandlers,
    private readonly log: (line: string) => void = (line) => console.error(line),
  ) {}

  async dispatch(method: unknown, rawInput: unknown, ctx: CallContext): Promise<Result<unknown>> {
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
