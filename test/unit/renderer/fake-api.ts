/**
 * A stand-in for renderer/api/client's `api`, for store tests: the test decides each call's answer
 * (and when it arrives), and emits events to the handlers the store subscribed.
 */
import { vi } from 'vitest';

type Handler = (payload: never) => void;

export interface PendingCall {
  method: string;
  input: unknown;
  resolve: (result: unknown) => void;
}

export function fakeApi() {
  const handlers = new Map<string, Handler[]>();
  const calls: PendingCall[] = [];
  const api = {
    call: vi.fn(
      (method: string, input: unknown) =>
        new Promise<unknown>((resolve) => {
          calls.push({ method, input, resolve });
        }),
    ),
    subscribe: vi.fn((event: string, handler: Handler) => {
      handlers.set(event, [...(handlers.get(event) ?? []), handler]);
      return () => undefined;
    }),
  };
  return {
    api,
    /** Every call made so far, unanswered or not, in order. */
    calls,
    emit: (event: string, payload: unknown) => {
      for (const handler of handlers.get(event) ?? []) handler(payload as never);
    },
  };
}

/** Lets the store's awaits run after an answer was given. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
