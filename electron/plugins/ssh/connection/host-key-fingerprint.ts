/**
 * How a host key is named to people: its type and its SHA-256 fingerprint as OpenSSH prints them.
 * Only node:crypto here, so tests outside Vitest (Playwright's loader) and the host-key service
 * can import it without ssh2 (host-key-scan.ts is the part that connects).
 */
import { createHash } from 'node:crypto';

/** A server's host key as a scan shows it (host-key-scan.ts). */
export interface ScannedHostKey {
  /** The algorithm the key blob names, e.g. `ssh-ed25519`. */
  readonly keyType: string;
  readonly fingerprint: string;
}

/** The server could not be asked for its key (unreachable, not SSH, timed out). */
export class HostKeyScanError extends Error {
  override name = 'HostKeyScanError';
}

/** `SHA256:` and the unpadded base64 of the blob's SHA-256, as OpenSSH prints fingerprints. */
export function fingerprintOf(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key type a blob starts with (an SSH string: 4-byte length, then the name). */
export function keyTypeOf(key: Buffer): string {
  if (key.length < 4) return 'unknown';
  const length = key.readUInt32BE(0);
  if (length === 0 || length > 100 || key.length < 4 + length) return 'unknown';
  return key.toString('latin1', 4, 4 + length);
}
