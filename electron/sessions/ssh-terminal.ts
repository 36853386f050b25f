import type { StreamEnd, StreamOpener } from '../../shared/contract/streams';
import type { TerminalSize, TerminalTranscriptPage } from '../../shared/contract/terminal';
import type { Session } from '../../shared/domain/session';
import type { AuditTrail } from '../audit/audit-trail';
import type { EventBus } from '../platform/event-bus';
import { connectSsh, openPty, SshConnectError, type HostKeyCheck, type SshConnection } from '../plugins/ssh';
import { Masker, runSecrets } from '../plugins/tag-engine';
import { ServiceError } from '../services/service-error';
import { terminalLogin, type TerminalLoginSources } from './ssh-terminal-login';
import { TerminalRecorder } from './terminal-recorder';
import type { TerminalTranscripts } from './terminal-transcript';

export interface SshTerminalsDeps extends TerminalLoginSources {
  readonly sessions: {
    get(id: string): Session;
    end(id: string, actor: string): Promise<Session>;
  };
  readonly events: Pick<EventBus, 'subscribe'>;
  /** The host-key service's check, as template runs use it: a changed key refuses the terminal. */
  readonly hostKeyCheck: HostKeyCheck;
  /** Each terminal login and its end are audited, as the lifecycle's steps are. */
  readonly audit: Pick<AuditTrail, 'record'>;
  readonly connectTimeoutMs?: number;
  /** Where each terminal's output and typed lines are kept, masked (none: not kept, in some unit tests). */
  readonly transcripts?: TerminalTranscripts;
  /** Secrets beyond the login's to mask out of the transcript (known-secrets.ts; none in unit tests). */
  readonly knownSecrets?: (session: Session) => string[];
  /** The SSH side (tests give stand-ins; the core the real ssh2 connection and PTY). */
  readonly ssh?: { readonly connect: typeof connectSsh; readonly openPty: typeof openPty };
}

/** Who opens a terminal: the call's actor and transport (the audit names them). */
export interface TerminalCaller {
  readonly actor: string;
  readonly transport: string;
  readonly streams?: StreamOpener | undefined;
}

/** Output a terminal may hold in the core (ssh2's channel buffer) before it is cut off. */
export const maxHeldOutputBytes = 8 * 1024 * 1024;
/** Input ssh2 may hold unsent before we stop acking (the renderer's credit then stops the input). */
export const maxHeldInputBytes = 64 * 1024;

/** What ends a session when its terminal's target closed the connection (an `exit`). */
export const targetClosedActor = 'system (the terminal was closed by the target)';

interface Terminal {
  readonly sessionId: string;
  readonly connection: SshConnection;
  readonly resize: (size: TerminalSize) => void;
  /** Output held in the core: read from the target and not yet sent to the renderer. */
  readonly buffered: () => number;
  /** Closes the SSH connection from our side (the session is not ended by it). */
  readonly close: () => void;
}

/**
 * The terminals of Active SSH sessions: an ssh2 shell on a PTY, logged in as the session's
 * account with the secret the core holds, carried to the renderer on a stream of the caller's
 * connection. Backpressure runs end to end: a stream without credit pauses the ssh2 channel (the
 * server then stops at its window), and input is acked once ssh2 has taken it.
 *
 * The target closing the shell (`exit`) ends the session (its cleanup runs); the session ending
 * any other way (Close, its maximum length, End from Remote sessions, quit) closes its terminals;
 * the renderer closing the stream (the view closed, the tab gone) closes only the connection.
 */
export class SshTerminals {
  readonly #open = new Map<StreamEnd, Terminal>();
  /**
   * Terminals being opened (connecting, opening the PTY): registered before the first await, so
   * that a session leaving Active meanwhile cancels them (#closeSession) instead of finding none.
   */
  readonly #opening = new Set<{ readonly sessionId: string; cancel(): void }>();

  constructor(private readonly deps: SshTerminalsDeps) {
    deps.events.subscribe((event, payload) => {
      if (event !== 'sessions.changed') return;
      const session = payload as Session;
      if (session.state !== 'active') this.#closeSession(session.id);
    });
  }

  /** Opens the terminal of an Active SSH session on the caller's streams; answers its stream id. */
  async open(sessionId: string, size: TerminalSize, caller: TerminalCaller): Promise<number> {
    const { streams } = caller;
    if (!streams) throw new ServiceError('invalid_input', 'This connection cannot carry a terminal');
    const session = this.#active(sessionId);
    const { target, login } = terminalLogin(this.deps, session);
    const ssh = this.deps.ssh ?? { connect: connectSsh, openPty };
    let connection: SshConnection | undefined;
    const pending = {
      sessionId,
      cancelled: false,
      cancel: () => {
        pending.cancelled = true;
        connection?.destroy();
      },
    };
    this.#opening.add(pending);
    const where = `${login.username}@${target.host}:${target.port}`;
    let audited = false;
    try {
      await this.#audit(
        session,
        caller.actor,
        'session_terminal_open',
        'success',
        `${where} over ${caller.transport}`,
      );
      audited = true;
      try {
        connection = await ssh.connect({
          target,
          login,
          timeoutMs: this.deps.connectTimeoutMs ?? 15_000,
          hostKeyCheck: this.deps.hostKeyCheck,
        });
      } catch (error) {
        // Its message names user@host:port and the reason, never the password.
        if (error instanceof SshConnectError) throw new ServiceError('unavailable', error.message);
        throw error;
      }
      // It may have ended while we connected: no terminal outlives its session (the catch below
      // destroys the connection).
      this.#stillWanted(sessionId, pending.cancelled, streams);
      const channel = await ssh.openPty(connection, { term: 'xterm-256color', ...size });
      // Again after the PTY opened: the session or the caller's connection may be gone by now.
      this.#stillWanted(sessionId, pending.cancelled, streams);
      const stream = streams.open();
      if (!stream) throw new ServiceError('unavailable', 'Too many terminals open on this connection');
      // Every secret the login carries (password, key and its lines) is masked out of the transcript.
      const masker = new Masker([...runSecrets({}, login), ...(this.deps.knownSecrets?.(session) ?? [])]);
      this.#wire(session, caller.actor, where, connection, channel, stream, masker);
      return stream.id;
    } catch (error) {
      connection?.destroy();
      if (audited) {
        const why = error instanceof Error ? error.message : 'failed';
        await this.#audit(
          session,
          caller.actor,
          'session_terminal_close',
          'failure',
          `${where}: ${why}`,
        ).catch(() => undefined);
      }
      throw error;
    } finally {
      this.#opening.delete(pending);
    }
  }

  /** A new size for a terminal of this connection (another connection's streams are not found). */
  resize(streamId: number, size: TerminalSize, streams: StreamOpener | undefined): void {
    const stream = streams?.get(streamId);
    const terminal = stream ? this.#open.get(stream) : undefined;
    if (!terminal) throw new ServiceError('not_found', `No terminal ${streamId} on this connection`);
    terminal.resize(size);
  }

  /** A page of a session's terminal transcript (the session must exist; an SSH one has one). */
  async transcript(sessionId: string, offset = 0): Promise<TerminalTranscriptPage> {
    this.deps.sessions.get(sessionId);
    if (!this.deps.transcripts) return { entries: [], offset: 0, nextOffset: null, size: 0 };
    return this.deps.transcripts.read(sessionId, offset);
  }

  /** Terminals open now, for tests and diagnostics. */
  get openCount(): number {
    return this.#open.size;
  }

  /**
   * Output the core holds for its terminals' renderers (diagnostics; the tests check the bound):
   * per terminal at most what ssh2 takes in on a paused channel (its 2 MiB high-water mark, then
   * the 2 MiB window granted last: it grants no more) and one chunk in the stream, however far
   * behind a page is (test/integration/sessions/ssh-terminal-output.test.ts measures it). A
   * target that ignores the window is cut off beyond `maxHeldOutputBytes`.
   */
  bufferedBytes(): number {
    let total = 0;
    for (const terminal of this.#open.values()) total += terminal.buffered();
    return total;
  }

  #active(sessionId: string): Session {
    const session = this.deps.sessions.get(sessionId);
    if (session.state !== 'active') {
      throw new ServiceError('conflict', `The session is not Active (${session.state}): it has no terminal`);
    }
    return session;
  }

  #stillWanted(sessionId: string, cancelled: boolean, streams: StreamOpener): void {
    if (cancelled) throw new ServiceError('conflict', 'The session ended while its terminal was opening');
    this.#active(sessionId);
    if (streams.closed)
      throw new ServiceError('unavailable', 'The connection closed while the terminal was opening');
  }

  #wire(
    session: Session,
    actor: string,
    where: string,
    connection: SshConnection,
    channel: Awaited<ReturnType<typeof openPty>>,
    stream: StreamEnd,
    masker: Masker,
  ): void {
    const sessionId = session.id;
    const { transcripts } = this.deps;
    const recorder = transcripts
      ? new TerminalRecorder({
          masker,
          write: (entries) => transcripts.append(sessionId, entries),
          full: () => transcripts.isFull(sessionId),
        })
      : undefined;
    let closedByUs = false;
    let audited = false;
    const auditClose = (why: string) => {
      if (audited) return;
      audited = true;
      void this.#audit(session, actor, 'session_terminal_close', 'success', `${where}: ${why}`).catch(
        () => undefined,
      );
    };
    const close = (why: string) => {
      closedByUs = true;
      this.#open.delete(stream);
      void recorder?.close();
      auditClose(why);
      void connection.close();
    };
    const held = () => channel.readableLength + channel.stderr.readableLength;
    this.#open.set(stream, {
      sessionId,
      connection,
      resize: ({ cols, rows }) => channel.setWindow(rows, cols, 0, 0),
      buffered: () => stream.queuedBytes + held(),
      close: () => {
        close('the session is no longer Active');
        stream.close();
      },
    });

    // A target that ignores ssh2's window keeps pushing into a paused channel: past the cap the
    // terminal is cut off rather than the core filling its memory.
    const overflowed = (): boolean => {
      if (held() <= maxHeldOutputBytes) return false;
      if (!closedByUs) {
        close(`the target sent more than ${maxHeldOutputBytes} bytes the terminal could not take`);
        stream.destroy('protocol');
      }
      return true;
    };
    // The bytes go on first and are recorded after: the transcript never delays an echo.
    const output = (chunk: Buffer) => {
      if (overflowed()) return;
      const more = stream.write(chunk);
      recorder?.output(chunk);
      if (more) return;
      // No credit left: the renderer is behind. Stop reading; ssh2 stops the server at its window.
      channel.pause();
      channel.stderr.pause();
    };
    channel.on('data', output);
    channel.stderr.on('data', output);
    channel.on('error', () => undefined);
    stream.onDrain(() => {
      if (overflowed()) return;
      channel.resume();
      channel.stderr.resume();
    });

    // Input: acked only while ssh2 holds little of it unsent (its own high-water mark is 2 MiB).
    // Acks withheld, the renderer's credit runs out and it stops sending. Each write's callback
    // (the chunk went out) re-checks: no 'drain' listener per frame, and 'drain' would not come
    // below ssh2's mark anyway.
    const waiting: (() => void)[] = [];
    const ackWaiting = () => {
      if (channel.writableLength > maxHeldInputBytes) return;
      for (let done = waiting.shift(); done; done = waiting.shift()) done();
    };
    stream.onData((bytes, done) => {
      waiting.push(done);
      channel.write(bytes, ackWaiting);
      recorder?.input(bytes);
      ackWaiting();
    });
    // The renderer closed it, or its connection went: the SSH connection goes too.
    stream.onClose(() => {
      if (!closedByUs) close('the terminal view closed');
    });
    const targetClosed = () => {
      if (closedByUs) return;
      close('the target closed the shell');
      stream.close();
      // An `exit` in the terminal is how the user leaves: the session ends and its cleanup runs.
      void this.deps.sessions.end(sessionId, targetClosedActor).catch(() => undefined);
    };
    channel.once('close', targetClosed);
    connection.onClose(targetClosed);
  }

  #closeSession(sessionId: string): void {
    for (const opening of [...this.#opening]) if (opening.sessionId === sessionId) opening.cancel();
    for (const terminal of [...this.#open.values()]) if (terminal.sessionId === sessionId) terminal.close();
  }

  async #audit(
    session: Session,
    actor: string,
    action: 'session_terminal_open' | 'session_terminal_close',
    result: 'success' | 'failure',
    what: string,
  ): Promise<void> {
    await this.deps.audit.record({
      actor,
      action,
      entity: 'credential',
      entityId: session.credentialId,
      label: session.credentialLabel,
      result,
      detail: `Session ${session.id} (${session.account}): ${what}`,
    });
  }
}
