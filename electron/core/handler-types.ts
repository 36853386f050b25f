import type { z } from 'zod';
import type { CallerEventName, EventPayload } from '../../shared/contract';
import type { MethodTable } from '../../shared/contract/define';
import type { StreamOpener } from '../../shared/contract/streams';
import type { Result } from '../../shared/result';

/** Who is calling: the transports fill this in; the audit log uses it. */
export interface CallContext {
  readonly transport: 'ipc' | 'websocket' | 'internal';
  /** The operator's name, as the OS knows it. */
  readonly actor: string;
  /**
   * The streams of the caller's connection (a WebSocket, or the Electron window): what a handler
   * opens there only that connection reads and writes. Absent for internal calls.
   */
  readonly streams?: StreamOpener;
  /**
   * Sends an event that concerns this caller only (a test run's progress) to the caller's own
   * connection, and to no other client. Absent for internal calls.
   */
  readonly notify?: CallerNotify;
}

export type CallerNotify = <E extends CallerEventName>(event: E, payload: EventPayload<E>) => void;

/**
 * One handler per method of a domain's table. Handlers receive already-validated input and return
 * a Result; the dispatcher validates the output too, so a handler cannot leak an unexpected field.
 */
export type DomainHandlers<T extends MethodTable> = {
  readonly [M in keyof T]: (
    input: z.output<T[M]['input']>,
    ctx: CallContext,
  ) => Promise<Result<z.input<T[M]['output']>>>;
};
