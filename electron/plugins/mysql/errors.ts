/**
 * A mysql2 error as one line, with the server's error number: MariaDB's "account is locked" (4151)
 * arrives under a misleading MySQL code name, so the number is what to trust.
 */
export function describeMysqlError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const errno = 'errno' in error && typeof error.errno === 'number' ? error.errno : undefined;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const message = error.message !== '' ? error.message : (code ?? error.name);
  if (errno !== undefined) return `${message} (errno ${errno})`;
  return code !== undefined && !message.includes(code) ? `${message} (${code})` : message;
}
