import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/platform/event-bus';
import { unlockWithPassphraseFile } from '../../../electron/vault/passphrase-file';
import { VaultService } from '../../../electron/vault/vault-service';
import { RecordingAudit } from '../../support/recording-audit';
import { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
let dataDir: string;
beforeEach(() => {
  dir = makeTempDir();
  dataDir = join(dir.path, 'data');
  mkdirSync(dataDir);
});
afterEach(() => dir.remove());

const make = () =>
  new VaultService({
    dataDir,
    events: new EventBus(),
    audit: new RecordingAudit(),
    clock: { now: () => new Date('2026-11-29T12:00:00Z') },
    scryptCost: { N: 2 ** 12, r: 8, p: 1 },
  });

function passphraseFile(content: string): string {
  const path = join(dir.path, 'passphrase');
  writeFileSync(path, content, { mode: 0o600 });
  return path;
}

describe('--passphrase-file', () => {
  it('refuses to set up a vault with an empty first line, as the set-up screen would', async () => {
    for (const content of ['\nthe real passphrase on line two\n', '', '   \n', 'too short\n']) {
      const vault = make();
      const path = passphraseFile(content);
      const problem = await unlockWithPassphraseFile(vault, path, 'alice');
      expect(problem).toMatch(/cannot set up the vault: At least 10 characters/);
      expect(problem).not.toContain('real passphrase');
      expect(vault.status().state).toBe('uninitialized');
      expect(readdirSync(dataDir)).toEqual([]);
    }
  });

  it('takes the first line exactly (only its line ending removed), as typed on the unlock screen', async () => {
    const passphrase = '  spaces around count  ';
    const vault = make();
    expect(await unlockWithPassphraseFile(vault, passphraseFile(`${passphrase}\r\nignored\n`), 'alice')).toBe(
      undefined,
    );
    expect(vault.status().state).toBe('unlocked');
    const reopened = make();
    await expect(reopened.unlock(passphrase.trim(), 'alice')).rejects.toThrow('Wrong passphrase');
    await reopened.unlock(passphrase, 'alice');
    expect(reopened.status().state).toBe('unlocked');
  });
});
