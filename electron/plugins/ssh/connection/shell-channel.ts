/**
 * The interactive shell a conversation talks to: an ssh2 PTY channel in production
 * (ssh-shell.ts), an in-memory terminal in the interpreter's unit tests.
 */
export interface ShellChannel {
  write(text: string): void;
  /** Decoded text as it arrives (UTF-8 sequences are never split). */
  onData(listener: (text: string) => void): void;
  /** The channel or the whole connection closed, for whatever reason. */
  onClose(listener: () => void): void;
  readonly closed: boolean;
}
