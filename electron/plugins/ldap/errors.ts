import { ResultCodeError } from 'ldapts';

/** An ldapts error as one line, with the LDAP result code when the server sent one. */
export function describeLdapError(error: unknown): string {
  if (error instanceof ResultCodeError) return `${error.message} (LDAP result ${error.code})`;
  if (!(error instanceof Error)) return String(error);
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const message = error.message !== '' ? error.message : (code ?? error.name);
  return code !== undefined && !message.includes(code) ? `${message} (${code})` : message;
}
