import { createHash, randomBytes, randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A fresh password per lab start. Letters and digits only, so it needs no quoting in a shell
 * command, a connection URL, an SQL literal or chpasswd's `user:password` input.
 */
export function randomPassword(length = 24): string {
  let password = '';
  for (let i = 0; i < length; i++) password += ALPHANUMERIC.charAt(randomInt(ALPHANUMERIC.length));
  return password;
}

/** OpenLDAP's {SSHA}: base64(SHA1(password + salt) + salt), as slappasswd makes it. */
export function sshaHash(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha1').update(password).update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}
