// ssh2 decrypts an OpenSSH key's passphrase with bcrypt in JavaScript, on the main thread, at Save
// and at every connection: a key stretched with too many rounds is refused before ssh2 sees it
// (an attack review froze the core 23 s with a 1600-round key). ssh-keygen itself takes a while
// to stretch a key, hence the long timeouts of these tests; the check under test does not.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  keyErrors,
  maxKdfRounds,
  opensshKdfRounds,
} from '../../../../electron/services/credentials/private-key';
import { makeTempDir } from '../../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
const passphrase = 'correct horse battery';

let made = 0;
function keyWithRounds(rounds: number): string {
  const file = join(dir.path, `key-${made++}-${rounds}`);
  const run = spawnSync('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-a',
    String(rounds),
    '-N',
    passphrase,
    '-f',
    file,
  ]);
  if (run.status !== 0) throw new Error(`ssh-keygen failed: ${run.stderr.toString()}`);
  return readFileSync(file, 'utf8');
}

beforeAll(() => {
  dir = makeTempDir('jit-key-rounds-');
});
afterAll(() => dir.remove());

describe('the bcrypt rounds of an OpenSSH key', { timeout: 60_000 }, () => {
  it('are read from the key without decrypting it', () => {
    expect(opensshKdfRounds(keyWithRounds(16))).toBe(16);
    expect(opensshKdfRounds(keyWithRounds(maxKdfRounds + 1))).toBe(maxKdfRounds + 1);
    expect(
      opensshKdfRounds('-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----'),
    ).toBeNull();
  });

  it('accept the usual counts and refuse more than the limit, beside the key field, quickly', () => {
    expect(keyErrors({ action: 'set', privateKey: keyWithRounds(16), passphrase })).toEqual([]);
    const crafted = keyWithRounds(maxKdfRounds + 72);
    const started = Date.now();
    const errors = keyErrors({ action: 'set', privateKey: crafted, passphrase });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.field).toBe('privateKey');
    expect(errors[0]?.message).toContain(`${maxKdfRounds + 72} bcrypt rounds`);
  });
});
