import type { StreamCloseReason, StreamEnd } from '../../shared/contract/streams';
import { isSessionInUse, viewClosedActor, viewGraceMs, type Session } from '../../shared/domain/session';
import type { Timers } from '../platform/clock';
import { ServiceError } from '../services/service-error';

export interface SessionPresenceDeps {
  readonly sessions: {
    get(id: string): Session;
    end(id: string, actor: string): Promise<unknown>;
  };
  readonly timers: Timers;
  /** How long a session waits for its view to come back (a reload) before it ends. */
  readonly graceMs?: number;
}

/**
 * Which tabs (or windows) hold a session's own view (the one Start session opened there, and the
 * same tab after a reload; the renderer attaches only that one), each by a stream of its
 * connection that carries nothing: the view's lifeline. A view that leaves (the user chose Leave,
 * or went elsewhere in the app) closes its stream, and the session goes on, as the user chose.
 * A connection that goes
 * (the tab or the browser closed, the page reloaded) closes it as `disconnected`: once no view of
 * the session is left, the session ends after `graceMs` unless a view comes back first (a reload
 * opens the view again), and its cleanup runs. A session nobody showed (the command line's, the
 * bench's) is never ended here.
 */
export class SessionPresence {
  readonly #views = new Map<string, Set<StreamEnd>>();
  readonly #ending = new Map<string, { cancel(): void }>();
  /** The core is stopping: connections closing now must end nothing (its own close does). */
  #disposed = false;

  constructor(private readonly deps: SessionPresenceDeps) {}

  /** `stream` (the caller's, opened for this) stands for a view of the session. */
  attach(sessionId: string, stream: StreamEnd): void {
    let session: Session;
    try {
      if (this.#disposed) throw new ServiceError('unavailable', 'The app is stopping');
      session = this.deps.sessions.get(sessionId);
    } catch (error) {
      // Not kept: a stream per refused call would use up the connection's streams.
      stream.destroy();
      throw error;
    }
    if (!isSessionInUse(session.state)) {
      stream.destroy();
      throw new ServiceError('conflict', 'The session is no longer in use');
    }
    this.#ending.get(sessionId)?.cancel();
    this.#ending.delete(sessionId);
    const views = this.#views.get(sessionId) ?? new Set<StreamEnd>();
    views.add(stream);
    this.#views.set(sessionId, views);
    stream.onClose((reason) => this.#detach(sessionId, stream, reason));
  }

  #detach(sessionId: string, stream: StreamEnd, reason: StreamCloseReason): void {
    const views = this.#views.get(sessionId);
    views?.delete(stream);
    if (views === undefined || views.size > 0) return;
    this.#views.delete(sessionId);
    if (reason !== 'disconnected' || this.#disposed) return;
    this.#scheduleEnd(sessionId);
  }

  #scheduleEnd(sessionId: string): void {
    const timer = this.deps.timers.setTimer(() => {
      this.#ending.delete(sessionId);
      if (this.#disposed || this.#views.has(sessionId)) return;
      let state: Session['state'];
      try {
        state = this.deps.sessions.get(sessionId).state;
      } catch {
        return;
      }
      // Still provisioning: the end waits for the session to be Active, as Close does.
      if (state === 'requested' || state === 'provisioning') this.#scheduleEnd(sessionId);
      else if (state === 'active')
        void this.deps.sessions.end(sessionId, viewClosedActor).catch(() => undefined);
    }, this.deps.graceMs ?? viewGraceMs);
    this.#ending.set(sessionId, timer);
  }

  /** Stops the timers (the core is shutting down: its own sweep ends the sessions). */
  dispose(): void {
    this.#disposed = true;
    for (const timer of this.#ending.values()) timer.cancel();
    this.#ending.clear();
  }
}
