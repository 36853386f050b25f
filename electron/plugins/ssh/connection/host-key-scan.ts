/**
 * Reads an SSH server's host key without logging in: the key arrives, and is checked, before any
 * authentication, so the connection is refused right there. What an administrator compares with
 * the server's own `ssh-keygen -l -f /etc/ssh/ssh_host_ed25519_key.pub` before trusting it.
 */
import { Client } from 'ssh2';
import type { TargetEndpoint } from '../../plugin-runtime';
import { fingerprintOf, HostKeyScanError, keyTypeOf, type ScannedHostKey } from './host-key-fingerprint';

export { HostKeyScanError, type ScannedHostKey } from './host-key-fingerprint';

export function scanHostKey(target: TargetEndpoint, timeoutMs: number): Promise<ScannedHostKey> {
  const where = `${target.host}:${target.port}`;
  return new Promise((resolve, reject) => {
    const client = new Client();
    let key: Buffer | undefined;
    let lastError: Error | undefined;
    client.on('error', (error) => (lastError = error));
    client.once('close', () => {
      if (key) resolve({ keyType: keyTypeOf(key), fingerprint: fingerprintOf(key) });
      else {
        const reason = lastError?.message ?? 'the server closed the connection';
        const timedOut = /timed out/i.test(reason);
        reject(
          new HostKeyScanError(
            timedOut ? `${where}: no answer within ${timeoutMs / 1000} s` : `${where}: ${reason}`,
          ),
        );
      }
    });
    try {
      client.connect({
        host: target.host,
        port: target.port,
        // Never used: the connection ends at the host key, before authentication.
        username: 'host-key-scan',
        readyTimeout: timeoutMs,
        hostVerifier: (blob: Buffer, verify: (valid: boolean) => void) => {
          key = Buffer.from(blob);
          verify(false);
        },
      });
    } catch (error) {
      reject(new HostKeyScanError(`${where}: ${error instanceof Error ? error.message : 'cannot connect'}`));
    }
  });
}
