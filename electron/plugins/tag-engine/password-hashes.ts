import { createHash, createHmac, pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

// The forms in which a target accepts a password it is to store, so that the password itself is
// not in the statement the target may log: each is what the target would store after hashing the
// clear password itself. Each still allows offline guessing, and a SCRAM verifier also lets its
// holder pose as the server: they are secrets like the password (see derived-tags.ts).

/** PostgreSQL's default (src/include/common/scram-common.h), which a verifier carries with it. */
export const scramIterations = 4096;
const scramSaltBytes = 16;
const sshaSaltBytes = 8;

const pbkdf2InPool = promisify(pbkdf2);
const sha256 = (data: Buffer): Buffer => createHash('sha256').update(data).digest();
const hmacSha256 = (key: Buffer, text: string): Buffer => createHmac('sha256', key).update(text).digest();

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (RFC 5802 and 7677, written as
 * `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` in base64). PostgreSQL takes a
 * string of that shape in CREATE/ALTER ROLE … PASSWORD as the verifier itself, not as a password.
 * The password is not SASLprep-normalised: PostgreSQL uses the raw bytes when SASLprep would
 * change them (or fail), and so does this; ASCII passwords are unchanged by SASLprep anyway.
 * PBKDF2 runs in libuv's thread pool: its 4096 rounds take about 2 ms, which the event loop would
 * otherwise spend on every PostgreSQL creation, while twenty sessions wait on it.
 */
export async function scramSha256Verifier(
  password: string,
  salt: Buffer = randomBytes(scramSaltBytes),
  iterations = scramIterations,
): Promise<string> {
  const salted = await pbkdf2InPool(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const storedKey = sha256(hmacSha256(salted, 'Client Key'));
  const serverKey = hmacSha256(salted, 'Server Key');
  const b64 = (b: Buffer): string => b.toString('base64');
  return `SCRAM-SHA-256$${iterations}:${b64(salt)}$${b64(storedKey)}:${b64(serverKey)}`;
}

/**
 * The mysql_native_password hash: `*` and the upper-case hex of SHA1(SHA1(password)), as
 * MariaDB's PASSWORD() computes it; MySQL and MariaDB take it in IDENTIFIED BY PASSWORD '…'
 * (MariaDB also in IDENTIFIED VIA mysql_native_password USING '…'). It has no salt: equal
 * passwords give equal hashes, which is the plugin's design, not this function's.
 */
export function mysqlNativePasswordHash(password: string): string {
  const sha1 = (data: Buffer): Buffer => createHash('sha1').update(data).digest();
  return `*${sha1(sha1(Buffer.from(password, 'utf8')))
    .toString('hex')
    .toUpperCase()}`;
}

/**
 * The `{SSHA}` userPassword value (RFC 2307 style, as slappasswd -h {SSHA} writes it):
 * base64(SHA1(password + salt) + salt), with a random 8-byte salt.
 */
export function sshaUserPassword(password: string, salt: Buffer = randomBytes(sshaSaltBytes)): string {
  const digest = createHash('sha1').update(Buffer.from(password, 'utf8')).update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}
