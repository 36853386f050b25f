/** A pg error as one line: the server's message and its SQLSTATE, or the socket error's code. */
export function describePgError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const message = error.message !== '' ? error.message : (code ?? error.name);
  return code !== undefined && !message.includes(code) ? `${message} (${code})` : message;
}
