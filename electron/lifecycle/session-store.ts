import { linkSync } from 'node:fs';
import { join } from 'node:path';
import {
  isLiveSessionState,
  mayHoldAccount,
  sessionSchema,
  type Session,
  type SessionFilter,
} from '../../shared/domain/session';
import { ServiceError } from '../services/service-error';
import type { StoreProblem } from '../storage/config-store';
import { JsonlAppender } from '../storage/jsonl/jsonl-appender';
import { describeBadLines, readJsonLines, type LoadedLines } from '../storage/jsonl/read-json-lines';
import { writeLinesAtomic } from '../platform/atomic-file';

export const sessionsFileName = 'sessions.jsonl';

/** Superseded lines (earlier states of a session) the file may hold before a start rewrites it. */
export const compactAfterLines = 1000;

/**
 * Whether the file is worth rewriting with the last state of each session alone: a session writes
 * about six lines in its life, and only the last one counts, so the file (read whole at every
 * start) would grow six times faster than what it holds. Only a file with at least
 * `compactAfterLines` superseded lines, and more of them than the sessions it holds. A file with
 * lines that did not parse is kept whole beside the rewritten one (open()).
 */
function worthCompacting(loaded: LoadedLines<Session>, sessions: number): boolean {
  const superseded = loaded.items.length - sessions;
  return superseded >= compactAfterLines && superseded > sessions;
}

function* mapIterable<T, U>(items: Iterable<T>, map: (item: T) => U): Iterable<U> {
  for (const item of items) yield map(item);
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export interface SessionStoreOptions {
  readonly dir: string;
  /** Told after each state is on disk (the lifecycle emits `sessions.changed`). */
  readonly onSaved?: (session: Session) => void;
}

/**
 * The JIT sessions, durable: each change of a session appends its whole new state as one line of
 * `sessions.jsonl` (0600, fsync'ed before `save` resolves), and the last line of an id wins on
 * reading. The lifecycle saves a session's next state BEFORE it acts on the target, so after a
 * crash the state alone says what may exist there (mayHoldAccount) and the start-up sweep can
 * drive it to its end. A line cut short by a crash is skipped and reported, never rewritten: the
 * state before it still stands, which is the safe side (the sweep cleans up what may exist).
 * A start rewrites a file of mostly superseded lines with the last state of each session
 * (atomically: after a crash either file is whole, and both say the same).
 */
export class SessionStore {
  readonly #byId = new Map<string, Session>();
  /**
   * The sessions not over yet: the credential lists ask for each row on a page, and the sweep
   * asks every few minutes, while the file keeps every session ever run.
   */
  readonly #live = new Map<string, Session>();
  readonly #file: JsonlAppender;
  #tail: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(
    private readonly options: SessionStoreOptions,
    readonly problems: readonly StoreProblem[],
    loaded: ReturnType<typeof readJsonLines<Session>>,
  ) {
    this.#file = new JsonlAppender(join(options.dir, sessionsFileName), loaded);
    for (const session of loaded.items) this.#put(session);
  }

  #put(session: Session): void {
    this.#byId.set(session.id, session);
    if (isLiveSessionState(session.state)) this.#live.set(session.id, session);
    else this.#live.delete(session.id);
  }

  static open(options: SessionStoreOptions): SessionStore {
    const path = join(options.dir, sessionsFileName);
    // Each session's last line as written, unknown fields and all: a rewrite must not drop a
    // field a newer build wrote (a downgrade would lose it for good).
    const raw = new Map<string, unknown>();
    const read = () =>
      readJsonLines(path, (json) => {
        const parsed = sessionSchema.safeParse(json);
        if (!parsed.success) return undefined;
        raw.set(parsed.data.id, json);
        return parsed.data;
      });
    let loaded = read();
    const problems: StoreProblem[] = [];
    if (worthCompacting(loaded, raw.size)) {
      try {
        // Unreadable lines are evidence: the file as it was is kept whole beside the rewritten one
        // (a hard link, made before the rewrite), and the notice says where.
        const bad = loaded.badLines;
        const kept =
          bad.length > 0 ? `${path}.kept-${new Date().toISOString().replaceAll(':', '-')}` : undefined;
        if (kept) linkSync(path, kept);
        writeLinesAtomic(
          path,
          mapIterable(raw.values(), (json) => JSON.stringify(json)),
        );
        raw.clear();
        loaded = read();
        if (kept) {
          problems.push({
            message:
              `The sessions file ${path} had ${bad.length} unreadable line(s) (line ${bad.slice(0, 5).join(', ')}` +
              `${bad.length > 5 ? ' and more' : ''}), probably a write cut short by a crash; they were skipped. ` +
              `The file was then compacted; as it was, with those lines, it is kept as ${kept}.`,
          });
        }
      } catch (error) {
        // Never a reason not to start: the file is read as it is, and the next start tries again.
        problems.push({
          message: `The sessions file could not be compacted (${errorText(error)}); it is used as it is.`,
        });
      }
    }
    problems.push(...describeBadLines(path, 'sessions file', loaded.badLines));
    return new SessionStore(options, problems, loaded);
  }

  get(id: string): Session | undefined {
    return this.#byId.get(id);
  }

  /**
   * Appends the session's new state; resolves once it is on disk. Queued at once, in call order:
   * saves made together share one fsync, and resolve (and update the maps) in file order.
   */
  save(session: Session): Promise<Session> {
    // Refused at once, not queued: after close() nothing may reach the file (the data dir's lock
    // may belong to another process by then).
    if (this.#closed) {
      return Promise.reject(
        new ServiceError('conflict', `The session store is closed: session ${session.id} was not saved`),
      );
    }
    const result = (async () => {
      const valid = sessionSchema.parse(session);
      await this.#file.append(valid);
      this.#put(valid);
      this.options.onSaved?.(valid);
      return valid;
    })();
    this.#tail = result.catch(() => undefined);
    return result;
  }

  all(): Session[] {
    return [...this.#byId.values()];
  }

  /** The credential's sessions that are not over (its Session status in the lists). */
  liveOf(credentialId: number): Session[] {
    return [...this.#live.values()].filter((s) => s.credentialId === credentialId);
  }

  /** The sessions whose account may be enabled or exist on its target: what a sweep must end. */
  holdingAccounts(): Session[] {
    // Every state that may hold an account is a live one.
    return [...this.#live.values()].filter((s) => mayHoldAccount(s.state));
  }

  list(filter: SessionFilter, offset: number, limit: number): { total: number; sessions: Session[] } {
    const text = filter.text?.toLowerCase();
    const matching = this.all()
      .filter(
        (s) =>
          (filter.live !== true || isLiveSessionState(s.state)) &&
          (filter.credentialId === undefined || s.credentialId === filter.credentialId) &&
          (filter.state === undefined || s.state === filter.state) &&
          (!text || [s.account, s.credentialLabel, s.requester].some((f) => f.toLowerCase().includes(text))),
      )
      .sort((a, b) =>
        a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1,
      );
    return { total: matching.length, sessions: matching.slice(offset, offset + limit) };
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#tail;
    await this.#file.close();
  }
}
