import type { Reusable } from './linger';

/** How long an idle connection is kept for the next run or check of the same server and login. */
export const POOL_IDLE_MS = 15_000;
/**
 * Idle connections kept per server and login. Only connections that were in use at once are ever
 * idle, so this never opens more; it only decides how many of a burst are kept for the next. Set
 * under the burst, the pool closed and reopened connections within every burst: at 16, twenty
 * concurrent sessions made 6 to 10 new logins per round, and the server spent more CPU forking
 * and authenticating backends than running the templates (docs/testing.md).
 */
export const POOL_MAX_IDLE = 32;

/**
 * Kept connections per server and login, for the SQL plugins' runs and account checks: a login
 * (SCRAM, the native handshake, TLS) costs as much as a whole template, and a JIT session makes
 * four to six calls on one server and login.
 *
 * - A connection is used by one caller at a time: take() hands it over and forgets it until it is
 *   parked again, so two concurrent runs never share one.
 * - It is reset as it is parked (DISCARD ALL, COM_CHANGE_USER): nothing a template set
 *   survives, and no transaction or lock it left stays open while it waits. take() waits for that
 *   reset, and hands over only a connection whose reset worked and that is still alive.
 * - Idle ones are closed after POOL_IDLE_MS, and do not keep the process alive meanwhile.
 * - Keys are `lingerKey`s, `<login>.<secret>`: a call with another secret for the same login
 *   (the password was changed) closes every connection kept with the old one.
 */
export class ConnectionPool<C extends Reusable> {
  private readonly idle = new Map<string, Idle<C>[]>();
  /** The secret part of the latest key seen per login. */
  private readonly secrets = new Map<string, string>();
  /** Counts closeAll() calls: a connection in use during one (a run when Lock came) is not kept. */
  #generation = 0;

  /** Read before take(), passed to park(): a closeAll() in between means close, not keep. */
  get generation(): number {
    return this.#generation;
  }

  /**
   * A kept connection for `key`, reset and alive, that the caller then owns; else undefined. A
   * call that finds none logs in on its own and parks its connection afterwards.
   */
  async take(key: string): Promise<C | undefined> {
    this.noteSecret(key);
    for (;;) {
      const entry = this.idle.get(key)?.pop();
      if (entry === undefined) return undefined;
      clearTimeout(entry.timer);
      entry.connection.hold(true);
      if ((await entry.ready) && entry.connection.alive()) return entry.connection;
      await entry.connection.close();
    }
  }

  /**
   * Keeps `connection` for the next take() of `key` (the caller gives it up), or closes it when it
   * is dead, when its key's secret is no longer the latest, or when enough are kept already.
   * `reset` false: the caller changed nothing in the session (the account checks' queries).
   * `since`: the generation read before the take() that started this use; a Lock or quit since
   * then closed every kept connection, and this one, in use meanwhile, goes too.
   */
  async park(key: string, connection: C, reset = true, since?: number): Promise<void> {
    const { login, secret } = splitKey(key);
    // Opened before a take() with a newer secret: that password is the old one now.
    const outdated =
      (this.secrets.get(login) ?? secret) !== secret || (since !== undefined && since !== this.#generation);
    const list = this.idle.get(key) ?? [];
    if (outdated || !connection.alive() || list.length >= POOL_MAX_IDLE) {
      await connection.close();
      return;
    }
    const ready = reset ? connection.reset() : Promise.resolve(true);
    connection.hold(false);
    const timer = setTimeout(() => {
      const current = this.idle.get(key);
      const at = current?.indexOf(entry) ?? -1;
      if (current === undefined || at < 0) return;
      current.splice(at, 1);
      if (current.length === 0) this.idle.delete(key);
      void this.drop(entry);
    }, POOL_IDLE_MS);
    timer.unref();
    const entry: Idle<C> = { connection, ready, timer };
    list.push(entry);
    this.idle.set(key, list);
  }

  /** How many connections wait idle for `key` (for tests and the bench). */
  idleCount(key: string): number {
    return this.idle.get(key)?.length ?? 0;
  }

  /** Closes every kept connection (on shutdown). */
  async closeAll(): Promise<void> {
    this.#generation++;
    const entries = [...this.idle.values()].flat();
    this.idle.clear();
    await Promise.all(entries.map((entry) => this.drop(entry)));
  }

  /**
   * A take() with a new secret for a login (its password was changed): what was kept with the old
   * one is closed now, not at its idle time.
   */
  private noteSecret(key: string): void {
    const { login, secret } = splitKey(key);
    const previous = this.secrets.get(login);
    this.secrets.set(login, secret);
    if (previous === undefined || previous === secret) return;
    const stale = `${login}.${previous}`;
    const entries = this.idle.get(stale) ?? [];
    this.idle.delete(stale);
    for (const entry of entries) void this.drop(entry);
  }

  /** Closes an idle connection once its reset is over (a close in the middle of one would race it). */
  private async drop(entry: Idle<C>): Promise<void> {
    clearTimeout(entry.timer);
    await entry.ready;
    await entry.connection.close();
  }
}

interface Idle<C> {
  readonly connection: C;
  /** The reset started when it was parked: true when it worked. Never rejects. */
  readonly ready: Promise<boolean>;
  readonly timer: NodeJS.Timeout;
}

function splitKey(key: string): { login: string; secret: string } {
  const dot = key.indexOf('.');
  return dot < 0 ? { login: key, secret: '' } : { login: key.slice(0, dot), secret: key.slice(dot + 1) };
}
