/** A non-interactive command on an exec channel (no PTY): exit code and output. */
import type { CancelSignal } from '../../plugin-runtime';
import type { SshConnection } from './ssh-connection';

export interface ExecResult {
  /** null when the server closed the channel without an exit status. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export class SshExecError extends Error {
  constructor(
    message: string,
    readonly canceled = false,
  ) {
    super(message);
    this.name = 'SshExecError';
  }
}

export function execCommand(
  connection: SshConnection,
  command: string,
  timeoutMs: number,
  signal?: CancelSignal,
  /** Written to the command's stdin, then closed (e.g. the password sudo -S reads). */
  input?: string,
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const fail = (error: SshExecError): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    };
    const onAbort = (): void => fail(new SshExecError('canceled', true));
    const timer = setTimeout(
      () => fail(new SshExecError(`no answer within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    connection.client.exec(command, (error, stream) => {
      if (error) {
        fail(new SshExecError(error.message));
        return;
      }
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let code: number | null = null;
      stream.on('data', (chunk: Buffer) => stdout.push(chunk));
      stream.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      stream.on('error', () => undefined);
      stream.on('exit', (exitCode: number | null) => (code = exitCode));
      stream.once('close', () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve({
          code,
          stdout: Buffer.concat(stdout).toString('utf8'),
          stderr: Buffer.concat(stderr).toString('utf8'),
        });
      });
      stream.end(input);
    });
  });
}
