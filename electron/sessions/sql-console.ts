import { findPlugin, type PluginId } from '../../shared/domain/plugin';
import { isPlainSession, sessionStateLabels, type Session } from '../../shared/domain/session';
import {
  sqlConsoleRowLimit,
  type SqlRunResult,
  type SqlTranscriptEntry,
} from '../../shared/contract/sql-console';
import { sessionSecretRef, type SessionLifecycle } from '../lifecycle/session-lifecycle';
import { planSession, type PlanSources } from '../lifecycle/session-plan';
import type { AuditTrail } from '../audit/audit-trail';
import type { EventBus } from '../platform/event-bus';
import type { ConnectionLogin, RunTimeouts, TargetEndpoint } from '../plugins/plugin-runtime';
import { defaultTimeouts, Masker } from '../plugins/tag-engine';
import { ServiceError } from '../services/service-error';
import { openMysqlConsole } from './sql-console-mysql';
import { openPgConsole } from './sql-console-pg';
import type { ConsoleConnection, DriverResult } from './sql-console-driver';
import { SqlTranscriptFullError, type SqlTranscripts } from './sql-transcript';
import { plainConsoleLogin } from './plain-login';
import { textCut } from '../../shared/domain/text-rules';
import { mysqlNativePasswordHash } from '../plugins/tag-engine/password-hashes';

/** How a console connects, by the session's plugin. */
export type ConsoleOpener = (options: {
  target: TargetEndpoint;
  login: ConnectionLogin;
  timeouts: RunTimeouts;
}) => Promise<ConsoleConnection>;

const openers: Partial<Record<PluginId, ConsoleOpener>> = {
  postgresql: openPgConsole,
  mysql: openMysqlConsole,
};

/** Who calls the console (the transport's call context): named in its audit entries. */
export interface ConsoleCaller {
  readonly actor: string;
  readonly transport: string;
}

export interface SqlConsoleDeps extends PlanSources {
  readonly lifecycle: Pick<SessionLifecycle, 'get' | 'end'>;
  /** Every login of a console (and its close) is audited; the login waits for the entry. */
  readonly audit: AuditTrail;
  readonly events: Pick<EventBus, 'subscribe'>;
  /** Where every statement and its outcome is kept, per session, masked. */
  readonly transcripts: SqlTranscripts;
  /** Milliseconds, for a run's duration (performance.now by default). */
  readonly now?: () => number;
  /** The time of a transcript line (the system's by default). */
  readonly clock?: () => Date;
  /** How consoles connect, by plugin; the real drivers by default (tests hold a cancel). */
  readonly openers?: Partial<Record<PluginId, ConsoleOpener>>;
}

/** One session's console: its connection (opening or open) and whether a statement runs. */
interface Console {
  readonly connection: Promise<ConsoleConnection>;
  /** The connection once open: closing it needs no await (see #close). */
  opened?: ConsoleConnection;
  /**
   * The session's secrets (its password, the credential's stored one, the authentication login's)
   * and their forms, masked out of whatever the console returns or writes to its transcript.
   */
  readonly masker: Masker;
  busy: boolean;
  /** The run in progress (its caller-chosen id, if any): what a Cancel may stop. */
  current: { readonly id: string | undefined } | null;
  /**
   * A cancel still on its way to the database (MySQL's KILL QUERY goes over a second login): the
   * next statement waits for it, or a cancel meant for a statement that just ended could stop it.
   */
  canceling: Promise<void> | null;
  closed: boolean;
  /** Its login was audited: its close is audited once too. */
  audited: boolean;
  closeAudited: boolean;
}

/** Who closes a console the session's end (or the database) closed, in its audit entry. */
const systemCaller: ConsoleCaller = { actor: 'system', transport: 'internal' };

/** Who ends a session whose database connection went away (a system actor, for the audit). */
const lostActor = 'system (the database closed the console connection)';

/**
 * The SQL consoles of PostgreSQL and MySQL/MariaDB sessions (docs/architecture.md, "Sessions"):
 * one connection per Active session, logged in as the session's account with the password the
 * core holds (the credential's own for Enable/Disable, the generated one for Creation), which never
 * leaves the core. One statement at a time per session. When the session leaves Active the
 * connection is closed at once, before its cleanup disables or drops the account; when the
 * database closes the connection, the session ends.
 */
export class SqlConsoleService {
  readonly #consoles = new Map<string, Console>();
  readonly #unsubscribe: () => void;

  constructor(private readonly deps: SqlConsoleDeps) {
    // The lifecycle announces every state on this bus before it acts on the target, so the
    // connection is closing before the cleanup's template runs.
    this.#unsubscribe = deps.events.subscribe((event, payload) => {
      if (event !== 'sessions.changed') return;
      const session = payload as Session;
      if (session.state !== 'active') void this.#close(session.id);
    });
  }

  async run(sessionId: string, sql: string, caller: ConsoleCaller, runId?: string): Promise<SqlRunResult> {
    const session = this.#activeSession(sessionId);
    const open = (this.deps.openers ?? openers)[session.pluginId];
    if (!open) {
      throw new ServiceError(
        'invalid_input',
        `${findPlugin(session.pluginId)?.name ?? session.pluginId} sessions have no SQL console`,
      );
    }
    // A full transcript refuses before the console logs in (and audits that login) for nothing.
    if (!this.#consoles.has(sessionId)) {
      await this.deps.transcripts.checkRoom(sessionId).catch(refused);
      // Again after the wait: an End landing meanwhile found no console to close, and none may open.
      this.#activeSession(sessionId);
    }
    let entry = this.#consoles.get(sessionId);
    if (entry?.busy) {
      throw new ServiceError(
        'conflict',
        'A statement is already running in this console: wait for it to finish, or Cancel it',
      );
    }
    if (!entry) {
      entry = this.#open(session, open, caller);
      this.#consoles.set(sessionId, entry);
    }
    entry.busy = true;
    const current = { id: runId };
    entry.current = current;
    const now = this.deps.now ?? (() => performance.now());
    try {
      const connection = await this.#connected(sessionId, entry);
      // On disk before it runs: a statement that never returns is still in the transcript.
      await this.#record(sessionId, entry, {
        kind: 'statement',
        text: sql,
        durationMs: null,
        actor: caller.actor,
        transport: caller.transport,
      }).catch(refused);
      await entry.canceling;
      const started = now();
      let result: DriverResult;
      try {
        result = await connection.run(sql, sqlConsoleRowLimit);
      } catch (error) {
        this.#forget(sessionId, entry, 'lost');
        const reason = textCut(entry.masker.guard(errorText(error)), maxErrorMessageChars);
        const message = `The connection to the database was lost: ${reason}`;
        await this.#record(sessionId, entry, { kind: 'lost', text: message, durationMs: null }).catch(noop);
        throw new ServiceError('unavailable', message);
      }
      const durationMs = Math.max(0, now() - started);
      const shown = masked({ ...result, durationMs }, entry.masker);
      await this.#record(sessionId, entry, {
        kind: shown.kind,
        text:
          shown.kind === 'error'
            ? shown.message
            : [shown.command, shown.columns.length > 0 ? `${shown.rowCount} row(s)` : '']
                .filter((part) => part !== '')
                .join(', '),
        durationMs,
      }).catch(noop);
      return shown;
    } finally {
      entry.busy = false;
      if (entry.current === current) entry.current = null;
    }
  }

  /**
   * Stops the session's running statement (only run `runId`'s, when given); `canceled: false` when
   * nothing, or another run, is running.
   */
  async cancel(sessionId: string, caller: ConsoleCaller, runId?: string): Promise<{ canceled: boolean }> {
    const session = this.deps.lifecycle.get(sessionId);
    const entry = this.#consoles.get(sessionId);
    const current = entry?.current;
    if (!entry || !current || entry.closed) return { canceled: false };
    if (runId !== undefined && current.id !== runId) return { canceled: false };
    // A function: TypeScript would take the fields as unchanged across the awaits.
    const stillRunning = (): boolean => entry.current === current && !entry.closed;
    const connection = await entry.connection.catch(() => undefined);
    // The run this cancel was meant for may have ended while we waited: never stop the next one.
    if (!connection || !stillRunning()) return { canceled: false };
    // MySQL cancels from a second login as the session's account (KILL QUERY): audited first.
    if (session.pluginId === 'mysql') {
      await this.#audit(
        session,
        caller,
        'session_console_open',
        'Second login to cancel the running statement',
      );
    }
    if (!stillRunning()) return { canceled: false };
    const canceling = connection.cancel();
    const held = canceling.then(noop, noop);
    entry.canceling = held;
    try {
      await canceling;
    } finally {
      if (entry.canceling === held) entry.canceling = null;
    }
    return { canceled: true };
  }

  /** What the session's console ran, oldest first (masked when written). */
  async transcript(sessionId: string): Promise<{ entries: SqlTranscriptEntry[] }> {
    this.deps.lifecycle.get(sessionId);
    return { entries: await this.deps.transcripts.read(sessionId) };
  }

  #record(sessionId: string, entry: Console, line: Omit<SqlTranscriptEntry, 'at'>): Promise<void> {
    const at = (this.deps.clock?.() ?? new Date()).toISOString();
    return this.deps.transcripts.append(sessionId, { at, ...line }, entry.masker);
  }

  /** Closes every console (the app is quitting; the lifecycle ends the sessions). */
  async close(): Promise<void> {
    this.#unsubscribe();
    const closing = [...this.#consoles.keys()].map((id) => this.#close(id));
    await Promise.all(closing);
  }

  #activeSession(sessionId: string): Session {
    const session = this.deps.lifecycle.get(sessionId);
    if (session.state !== 'active') {
      throw new ServiceError(
        'conflict',
        `The session is ${sessionStateLabels[session.state]}: only an Active session's console runs statements`,
      );
    }
    return session;
  }

  /**
   * Starts connecting as the session's account, once the login is audited (on disk): the
   * password leaves the vault for an audited purpose only. A failure is reported by the run that
   * waits.
   */
  #open(session: Session, open: ConsoleOpener, caller: ConsoleCaller): Console {
    const { target, login, secrets } = this.#loginOf(session);
    const entry: Console = {
      connection: this.#audit(
        session,
        caller,
        'session_console_open',
        `Console login to ${target.host}:${target.port}`,
      ).then(() => {
        entry.audited = true;
        return open({ target, login, timeouts: defaultTimeouts });
      }),
      masker: new Masker(session.pluginId === 'mysql' ? withNativeHashes(secrets) : secrets),
      busy: false,
      current: null,
      canceling: null,
      closed: false,
      audited: false,
      closeAudited: false,
    };
    entry.connection.then(
      (connection) => (entry.opened = connection),
      // Awaited by the run that opened it; this only keeps a failure from being unhandled.
      () => undefined,
    );
    return entry;
  }

  async #connected(sessionId: string, entry: Console): Promise<ConsoleConnection> {
    let connection: ConsoleConnection;
    try {
      connection = await entry.connection;
    } catch (error) {
      this.#forget(sessionId, entry, 'login failed');
      throw new ServiceError(
        'unavailable',
        `The console could not connect: ${entry.masker.guard(errorText(error))}`,
      );
    }
    if (entry.closed) {
      // The session left Active while we connected: the cleanup must find no console of ours.
      void connection.close();
      this.#auditClose(sessionId, entry, 'closed (the session left Active)');
      throw new ServiceError('conflict', 'The session ended while the console was connecting');
    }
    connection.onLost(() => {
      this.#forget(sessionId, entry, 'closed by the database');
      const state = this.deps.lifecycle.get(sessionId).state;
      if (state === 'active') void this.deps.lifecycle.end(sessionId, lostActor).catch(() => undefined);
    });
    return connection;
  }

  /** Where and as whom the session's console logs in; the password stays in the core. */
  #loginOf(session: Session): { target: TargetEndpoint; login: ConnectionLogin; secrets: string[] } {
    if (isPlainSession(session)) return plainConsoleLogin(this.deps, session);
    const plan = planSession(this.deps, session);
    const target = plan.cleanup.target;
    if (session.target !== null && `${target.host}:${target.port}` !== session.target) {
      throw new ServiceError(
        'conflict',
        `${session.credentialLabel}: the device's address or port changed since the session started`,
      );
    }
    const ref = sessionSecretRef(session.id);
    const password =
      session.jitType === 'create_delete'
        ? this.deps.vault.has(ref)
          ? this.deps.vault.get(ref)
          : ''
        : plan.currentPassword;
    if (password === '') {
      throw new ServiceError(
        'invalid_input',
        `${session.credentialLabel}: the session's password is not in the vault`,
      );
    }
    // The credential's own database (its Additional information); never the authentication
    // login's, which the session's account may have no right to.
    const database = plan.credential.additionalInfo.trim();
    return {
      target,
      login: { username: session.account, password, ...(database !== '' ? { database } : {}) },
      secrets: [password, plan.currentPassword, plan.login.login.password ?? ''],
    };
  }

  #forget(sessionId: string, entry: Console, why = 'closed'): void {
    entry.closed = true;
    this.#auditClose(sessionId, entry, why);
    if (this.#consoles.get(sessionId) === entry) this.#consoles.delete(sessionId);
  }

  /** Once per audited login (a login not yet audited when forgotten is audited closed once connected). */
  #auditClose(sessionId: string, entry: Console, why: string): void {
    if (!entry.audited || entry.closeAudited) return;
    entry.closeAudited = true;
    const session = this.#sessionOrNull(sessionId);
    if (session)
      void this.#audit(session, systemCaller, 'session_console_close', `Console ${why}`).catch(noop);
  }

  #sessionOrNull(sessionId: string): Session | null {
    try {
      return this.deps.lifecycle.get(sessionId);
    } catch {
      return null;
    }
  }

  async #audit(
    session: Session,
    caller: ConsoleCaller,
    action: 'session_console_open' | 'session_console_close',
    what: string,
  ): Promise<void> {
    await this.deps.audit.record({
      actor: caller.actor,
      action,
      entity: 'credential',
      entityId: session.credentialId,
      label: session.credentialLabel,
      result: 'success',
      detail: `Session ${session.id} (${session.account}, ${caller.transport}): ${what}`,
    });
  }

  /** Closes a session's console, now: a running statement is stopped on the server. */
  async #close(sessionId: string): Promise<void> {
    const entry = this.#consoles.get(sessionId);
    if (!entry) return;
    this.#forget(sessionId, entry, 'closed (the session left Active)');
    // Synchronously when open: the goodbye is on its way before the lifecycle's next step runs.
    if (entry.opened) return entry.opened.close();
    const connection = await entry.connection.catch(() => undefined);
    await connection?.close();
  }
}

/** Every text the console returns, with the session's password masked out. */
function masked(result: SqlRunResult, masker: Masker): SqlRunResult {
  const notices = result.notices?.map((notice) => masker.guard(notice));
  const withNotices = notices === undefined ? {} : { notices };
  if (result.kind === 'error') {
    // Cut after masking, so that no part of a secret is left at the cut.
    return {
      ...result,
      message: textCut(masker.guard(result.message), maxErrorMessageChars),
      ...withNotices,
    };
  }
  return {
    ...result,
    ...withNotices,
    columns: result.columns.map((c) => ({ ...c, name: masker.guard(c.name) })),
    rows: result.rows.map((row) => row.map((value) => (value === null ? null : masker.guard(value)))),
    command: masker.guard(result.command),
  };
}

/**
 * Characters of a server's error message sent to the page: a message can be megabytes (a
 * `RAISE EXCEPTION` of a long text, a hostile server), and an alert that long stalls the page.
 */
const maxErrorMessageChars = 64_000;

const noop = (): void => undefined;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A statement the transcript could not take (full, or a failed write): it is not run. */
function refused(error: unknown): never {
  throw new ServiceError(
    'unavailable',
    error instanceof SqlTranscriptFullError
      ? error.message
      : 'The transcript could not be written: the statement was not run',
  );
}

/**
 * The secrets and the mysql_native_password hash of each, in both cases: the session's account
 * reads its own hash (`SHOW CREATE USER current_user`, `SHOW GRANTS`), and an unsalted hash is
 * as good as the password for a guess offline, and for a login with a patched client.
 */
function withNativeHashes(secrets: readonly string[]): string[] {
  const hashes = secrets
    .filter((secret) => secret !== '')
    .map(mysqlNativePasswordHash)
    .flatMap((hash) => [hash, hash.toLowerCase()]);
  return [...secrets, ...hashes];
}
