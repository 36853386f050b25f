import type { ApiTransport } from '../../../../shared/contract';
import type { StreamEnd } from '../../../../shared/contract/streams';
import type { TerminalSize } from '../../../../shared/contract/terminal';

/** What the terminal needs of xterm.js (its Terminal), so that the wiring is testable without a DOM. */
export interface TerminalScreen {
  readonly cols: number;
  readonly rows: number;
  /** Draws output; `drawn` runs once xterm has parsed it (that is the core's credit back). */
  write(data: Uint8Array, drawn: () => void): void;
  onData(listener: (data: string) => void): { dispose(): void };
  onResize(listener: (size: TerminalSize) => void): { dispose(): void };
}

export interface TerminalLink {
  /** The view closed: the stream closes (the session itself goes on until it is closed). */
  close(): void;
}

/**
 * Opens the session's terminal in the core and joins it to the screen: output is drawn as it
 * arrives and acked once drawn (a busy page slows the target down instead of filling the core),
 * keys and pastes go to the target, and a resize of the screen is told to the PTY. `onEnd` hears
 * why the terminal is over: a refusal's message, or null when the stream closed.
 */
export async function linkTerminal(
  api: Pick<ApiTransport, 'call' | 'stream'>,
  sessionId: string,
  screen: TerminalScreen,
  onEnd: (problem: string | null) => void,
): Promise<TerminalLink> {
  const opened = await api.call('terminal.open', {
    sessionId,
    size: { cols: screen.cols, rows: screen.rows },
  });
  if (!opened.ok) {
    onEnd(opened.message);
    return { close: () => undefined };
  }
  const stream: StreamEnd | undefined = await api.stream(opened.value.streamId);
  if (!stream) {
    onEnd('The connection to the core closed before the terminal opened');
    return { close: () => undefined };
  }
  const encoder = new TextEncoder();
  stream.onData((bytes, done) => screen.write(bytes, done));
  const input = screen.onData((data) => stream.write(encoder.encode(data)));
  const resize = screen.onResize((size) => {
    void api.call('terminal.resize', { streamId: stream.id, size });
  });
  stream.onClose(() => {
    input.dispose();
    resize.dispose();
    onEnd(null);
  });
  // The screen may have been fitted while the terminal was opening.
  if (screen.cols !== 0 && screen.rows !== 0) {
    void api.call('terminal.resize', { streamId: stream.id, size: { cols: screen.cols, rows: screen.rows } });
  }
  return { close: () => stream.close() };
}
