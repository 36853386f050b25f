import type { EventName, EventPayload } from '../../shared/contract';

export type AnyEventListener = (event: EventName, payload: unknown) => void;

/**
 * Core-to-renderer push events. Services emit typed events; each transport subscribes once and
 * forwards every event to its clients (IPC webContents or WebSocket connections).
 */
export class EventBus {
  readonly #listeners = new Set<AnyEventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
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
