/** An interactive shell with a PTY on an ssh2 connection, as a ShellChannel. */
import { StringDecoder } from 'node:string_decoder';
import type { ClientChannel } from 'ssh2';
import type { ShellChannel } from './shell-channel';
import type { SshConnection } from './ssh-connection';

/**
 * Wider than any command line a template may type (maxCommandLineBytes) after a long prompt:
 * readline then never wraps the echo, whose wrap artefacts would cut a secret in two before
 * masking sees it (terminal-text.ts undoes them too, should a server ignore the width).
 */
export const ptyWindow = { term: 'xterm', cols: 8192, rows: 50 } as const;

/** How long a shell may take to log out on its own before its channel is closed under it. */
const logoutGraceMs = 2000;

export interface SshShell extends ShellChannel {
  /**
   * Ends the session. Gently by default: Ctrl-D (end of input) lets the shell log out on its own,
   * or finish starting first, so its start-up files are never killed halfway (a login shell
   * killed inside pyenv's rehash leaves a lock that blocks every later login for a minute). After
   * a short grace, or at once when `gently` is false (cancel), the channel is closed under it.
   */
  close(gently?: boolean): Promise<void>;
}

/** A PTY's terminal type and size in cells. */
export interface PtyWindow {
  readonly term: string;
  readonly cols: number;
  readonly rows: number;
}

/**
 * A login shell on a PTY of this size: the raw ssh2 channel (bytes, pause/resume for
 * backpressure, setWindow to resize). Templates talk to it through openShell; a session's
 * terminal (electron/sessions/) uses it as is.
 */
export function openPty(connection: SshConnection, window: PtyWindow): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    connection.client.shell({ ...window }, (error, stream: ClientChannel) => {
      if (error) reject(error);
      else resolve(stream);
    });
  });
}

export function openShell(connection: SshConnection): Promise<SshShell> {
  return openPty(connection, ptyWindow).then((stream) => {
    const decoder = new StringDecoder('utf8');
    const dataListeners = new Set<(text: string) => void>();
    const closeListeners = new Set<() => void>();
    let closed = false;
    // Output that arrives before the conversation listens (a server that prints its prompt
    // with the shell's acceptance) is kept for the first listener, never dropped.
    let unheard = '';
    const emit = (chunk: Buffer): void => {
      const text = decoder.write(chunk);
      if (text === '') return;
      if (dataListeners.size === 0) unheard += text;
      else for (const listener of dataListeners) listener(text);
    };
    const onClosed = (): void => {
      if (closed) return;
      closed = true;
      for (const listener of closeListeners) listener();
    };
    stream.on('data', emit);
    stream.stderr.on('data', emit);
    stream.on('error', () => undefined);
    stream.once('close', onClosed);
    // The server may drop the whole connection without closing the channel first.
    connection.onClose(onClosed);
    return {
      get closed() {
        return closed;
      },
      write: (text) => stream.write(text),
      onData: (listener) => {
        dataListeners.add(listener);
        const early = unheard;
        unheard = '';
        if (early !== '') listener(early);
      },
      onClose: (listener) => {
        if (closed) listener();
        else closeListeners.add(listener);
      },
      close: (gently = true) =>
        new Promise<void>((resolve) => {
          if (closed) {
            resolve();
            return;
          }
          const force = setTimeout(() => stream.close(), gently ? logoutGraceMs : 0);
          closeListeners.add(() => {
            clearTimeout(force);
            resolve();
          });
          if (gently) stream.write('\u0004');
        }),
    };
  });
}
