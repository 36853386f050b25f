import type { ServerName } from './types.js';

function logSuffix(server: ServerName, logTail: string | undefined): string {
  if (logTail === undefined) return ''; // Failed before the server process ran.
  if (logTail.trim() === '') return ' (the server logged nothing)';
  return `\n--- last lines of the ${server} log ---\n${logTail}`;
}

/** A server that did not come up: names it and quotes the end of its log. */
export class LabStartError extends Error {
  constructor(
    readonly server: ServerName,
    readonly reason: string,
    /** The end of the server's output; undefined when the failure came before the server ran. */
    readonly logTail?: string,
  ) {
    super(`lab ${server} failed to start: ${reason}${logSuffix(server, logTail)}`);
    this.name = 'LabStartError';
  }

  /** Another process took the port between freePort() and the server's bind: worth a new port. */
  get portInUse(): boolean {
    return /address already in use|errno[ =:]*98\b/i.test(this.logTail ?? '');
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Any failure during a server's start, as a LabStartError that names the server. */
export function asLabStartError(server: ServerName, error: unknown, logTail?: string): LabStartError {
  if (error instanceof LabStartError) {
    return logTail === undefined ? error : new LabStartError(server, error.reason, logTail);
  }
  return new LabStartError(server, errorMessage(error), logTail);
}
