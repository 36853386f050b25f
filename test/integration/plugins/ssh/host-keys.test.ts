// Host keys against the real sshd: the key read without logging in is the server's own, and the
// plugin, checked by the app's HostKeyService, trusts it on first use and then refuses any other
// key before a single command is sent.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostKeySchema } from '../../../../shared/domain/host-key';
import { EventBus } from '../../../../electron/platform/event-bus';
import { fingerprintOf, scanHostKey, SshPlugin } from '../../../../electron/plugins/ssh';
import { HostKeyService } from '../../../../electron/services/host-key-service';
import { openTable } from '../../../../electron/storage/table-loader';
import { confBackendFactory } from '../../../../electron/storage/conf-backend';
import { ConfigStore } from '../../../../electron/storage/config-store';
import { uniqueName } from '../../../lab/names';
import { RecordingAudit } from '../../../support/recording-audit';
import { makeTempDir } from '../../../support/temp-dir';
import { firstPrompt, rootClient, sshClose, sshLab, sshRun } from './support';

describe('SSH host keys', () => {
  const lab = sshLab();
  const serverKey = Buffer.from(lab.hostPublicKey.split(/\s+/)[1] ?? '', 'base64');
  const dir = makeTempDir();
  const now = () => new Date();
  let root: Client;

  const keyService = () => {
    const config = ConfigStore.open({
      dir: dir.path,
      name: 'config',
      createBackend: confBackendFactory,
      now,
    });
    return new HostKeyService({
      table: openTable(config, 'hostKeys', hostKeySchema, now).table,
      audit: new RecordingAudit(),
      events: new EventBus(),
      clock: { now },
      systemActor: 'os-user',
      scan: scanHostKey,
    });
  };

  beforeAll(async () => {
    root = await rootClient(lab);
  });
  afterAll(async () => {
    await sshClose(root);
    dir.remove();
  });

  it('reads the server key without logging in: the fingerprint ssh-keygen would print', async () => {
    const scanned = await scanHostKey(lab.target, 10_000);
    expect(scanned).toEqual({
      keyType: lab.hostPublicKey.split(/\s+/)[0],
      fingerprint: fingerprintOf(serverKey),
    });
    const printed = await sshRun(root, `ssh-keygen -l -f /dev/stdin <<'EOF'\n${lab.hostPublicKey}\nEOF`);
    expect(printed).toContain(scanned.fingerprint);
  });

  it('trusts the key on first use, then refuses another before any command runs', async () => {
    const keys = keyService();
    const plugin = new SshPlugin({ hostKeyCheck: (target, key) => keys.check(target, key) });
    const marker = `/tmp/${uniqueName('hostkey')}`;
    const template = `${firstPrompt}exec "touch ${marker}"\nexpect "*#"`;

    const first = await plugin.run({ template, tags: {}, target: lab.target, login: lab.rootLogin });
    expect(first.ok).toBe(true);
    expect(keys.list(lab.target.host)).toEqual([
      expect.objectContaining({ port: lab.target.port, fingerprint: fingerprintOf(serverKey) }),
    ]);
    await sshRun(root, `rm -f ${marker}`);

    // The trusted key becomes another one, as if the server had been swapped.
    const config = join(dir.path, 'config.json');
    const stored = JSON.parse(readFileSync(config, 'utf8')) as {
      hostKeys: { rows: { fingerprint: string }[] };
    };
    const forged = `SHA256:${'A'.repeat(43)}`;
    for (const row of stored.hostKeys.rows) row.fingerprint = forged;
    writeFileSync(config, JSON.stringify(stored));
    const swapped = keyService();
    const guarded = new SshPlugin({ hostKeyCheck: (target, key) => swapped.check(target, key) });
    const refused = await guarded.run({ template, tags: {}, target: lab.target, login: lab.rootLogin });
    expect(refused.ok).toBe(false);
    expect(refused.failure?.message).toContain(
      `is not the one trusted for ${lab.target.host}:${lab.target.port}`,
    );
    expect(refused.failure?.message).toContain(forged);
    expect(await sshRun(root, `test -e ${marker} && echo present || echo absent`)).toBe('absent\n');
  });
});
