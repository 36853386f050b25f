import type { BroadcastEventName, EventName, EventPayload } from '../../shared/contract';

export type AnyEventListener = (event: EventName, payload: unknown) => void;

/**
 * Core-to-renderer push events that every window shows. Services emit typed events; each transport
 * subscribes once and forwards every event to its clients (IPC webContents or WebSocket
 * connections). Events for one caller only never come here: they go through the caller's
 * `CallContext.notify` (electron/core/handler-types.ts).
 */
export class EventBus {
  readonly #listeners = new Set<AnyEventListener>();

  emit<E extends BroadcastEventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        // A broken transport must not stop the others from hearing the event.
        console.error(`event listener failed for ${event}:`, error instanceof Error ? error.message : error);
      }
    }
  }

  subscribe(listener: AnyEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
