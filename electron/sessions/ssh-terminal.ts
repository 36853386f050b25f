import type { StreamEnd, StreamOpener } from '../../shared/contract/streams';
import type { TerminalSize } from '../../shared/contract/terminal';
import type { Session } from '../../shared/domain/session';
import type { EventBus } from '../platform/event-bus';
import { connectSsh, openPty, SshConnectError, type HostKeyCheck, type SshConnection } from '../plugins/ssh';
import { ServiceError } from '../services/service-error';
import { terminalLogin, type TerminalLoginSources } from './ssh-terminal-login';

export interface SshTerminalsDeps extends TerminalLoginSources {
  readonly sessions: {
    get(id: string): Session;
    end(id: string, actor: string): Promise<Session>;
  };
  readonly events: Pick<EventBus, 'subscribe'>;
  /** The host-key service's check, as template runs use it: a changed key refuses the terminal. */
  readonly hostKeyCheck: HostKeyCheck;
  readonly connectTimeoutMs?: number;
}

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

  constructor(private readonly deps: SshTerminalsDeps) {
    deps.events.subscribe((event, payload) => {
      if (event !== 'sessions.changed') return;
      const session = payload as Session;
      if (session.state !== 'active') this.#closeSession(session.id);
    });
  }

  /** Opens the terminal of an Active session on `streams`; answers its stream id. */
  async open(sessionId: string, size: TerminalSize, streams: StreamOpener | undefined): Promise<number> {
    if (!streams) throw new ServiceError('invalid_input', 'This connection cannot carry a terminal');
    const { target, login } = terminalLogin(this.deps, this.#active(sessionId));
    let connection: SshConnection;
    try {
      connection = await connectSsh({
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
    try {
      // It may have ended while we connected: no terminal outlives its session.
      this.#active(sessionId);
      const channel = await openPty(connection, { term: 'xterm-256color', ...size });
      const stream = streams.open();
      if (!stream) throw new ServiceError('unavailable', 'Too many terminals open on this connection');
      this.#wire(sessionId, connection, channel, stream);
      return stream.id;
    } catch (error) {
      connection.destroy();
      throw error;
    }
  }

  /** A new size for a terminal of this connection (another connection's streams are not found). */
  resize(streamId: number, size: TerminalSize, streams: StreamOpener | undefined): void {
    const stream = streams?.get(streamId);
    const terminal = stream ? this.#open.get(stream) : undefined;
    if (!terminal) throw new ServiceError('not_found', `No terminal ${streamId} on this connection`);
    terminal.resize(size);
  }

  /** Terminals open now, for tests and diagnostics. */
  get openCount(): number {
    return this.#open.size;
  }

  /**
   * Output the core holds for its terminals' renderers (diagnostics; the tests check the bound):
   * per terminal at most what ssh2 takes in on a paused channel (its 2 MiB high-water mark, then
   * the 2 MiB window granted last: it grants no more) and one chunk in the stream, however far
   * behind a page is (test/integration/sessions/ssh-terminal-output.test.ts measures it).
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

  #wire(
    sessionId: string,
    connection: SshConnection,
    channel: Awaited<ReturnType<typeof openPty>>,
    stream: StreamEnd,
  ): void {
    let closedByUs = false;
    const close = () => {
      closedByUs = true;
      this.#open.delete(stream);
      void connection.close();
    };
    this.#open.set(stream, {
      sessionId,
      connection,
      resize: ({ cols, rows }) => channel.setWindow(rows, cols, 0, 0),
      buffered: () => stream.queuedBytes + channel.readableLength + channel.stderr.readableLength,
      close: () => {
        close();
        stream.close();
      },
    });

    const output = (chunk: Buffer) => {
      if (stream.write(chunk)) return;
      // No credit left: the renderer is behind. Stop reading; ssh2 stops the server at its window.
      channel.pause();
      channel.stderr.pause();
    };
    channel.on('data', output);
    channel.stderr.on('data', output);
    channel.on('error', () => undefined);
    stream.onDrain(() => {
      channel.resume();
      channel.stderr.resume();
    });
    stream.onData((bytes, done) => {
      if (channel.write(bytes)) done();
      else channel.once('drain', done);
    });
    // The renderer closed it, or its connection went: the SSH connection goes too.
    stream.onClose(() => {
      if (!closedByUs) close();
    });
    const targetClosed = () => {
      if (closedByUs) return;
      close();
      stream.close();
      // An `exit` in the terminal is how the user leaves: the session ends and its cleanup runs.
      void this.deps.sessions.end(sessionId, targetClosedActor).catch(() => undefined);
    };
    channel.once('close', targetClosed);
    connection.onClose(targetClosed);
  }

  #closeSession(sessionId: string): void {
    for (const terminal of [...this.#open.values()]) if (terminal.sessionId === sessionId) terminal.close();
  }
}
