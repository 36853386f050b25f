// An SSH key that went through export and import logs in to the lab's real sshd: root's key
// (encrypted with a passphrase) saved on a credential in one core, exported with secrets,
// imported into a second core, and used there by Test on a device as root (key only: the lab's
// root has no password login).

import { chmod, readFile, writeFile } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../electron/core/compose';
import { confBackendFactory } from '../../../../electron/storage/conf-backend';
import type { MethodName } from '../../../../shared/contract';
import { runCommand } from '../../../lab/run-command';
import { randomPassword } from '../../../lab/secrets';
import { makeTempDir } from '../../../support/temp-dir';
import { firstPrompt, sshLab } from './support';

const lab = sshLab();
const temp = makeTempDir('jit-bundle-key-');
const keyPassphrase = randomPassword(20);
const bundlePassphrase = randomPassword(24);
const cores: Core[] = [];
let encryptedRootKey = '';

async function openCore(name: string): Promise<Core> {
  const core = createCore({
    dataDir: join(temp.path, name),
    shell: 'browser',
    createBackend: confBackendFactory,
  });
  cores.push(core);
  const passphraseFile = join(temp.path, `${name}-passphrase`);
  writeFileSync(passphraseFile, `${name} master passphrase\n`, { mode: 0o600 });
  await core.unlockWithPassphraseFile(passphraseFile);
  await core.ready;
  return core;
}

async function call(core: Core, method: MethodName, input: unknown): Promise<unknown> {
  const result = await core.dispatcher.dispatch(method, input, core.context('internal'));
  if (!result.ok) throw new Error(`${method}: ${result.message}`);
  return result.value;
}

beforeAll(async () => {
  const path = join(temp.path, 'root_key');
  await writeFile(path, lab.ssh.privateKey, { mode: 0o600 });
  await chmod(path, 0o600);
  await runCommand('ssh-keygen', ['-q', '-p', '-P', '', '-N', keyPassphrase, '-f', path]);
  encryptedRootKey = await readFile(path, 'utf8');
});
afterAll(() => {
  for (const core of cores) core.close();
  temp.remove();
});

describe('an SSH key carried by a bundle', () => {
  it('logs in as root on the real sshd from the installation that imported it', async () => {
    const source = await openCore('source');
    const device = (await call(source, 'devices.save', {
      device: {
        name: 'ssh-lab',
        address: lab.target.host,
        type: 'Server',
        connectivity: [{ protocol: 'SSH', port: lab.target.port }],
      },
    })) as { id: number };
    await call(source, 'credentials.save', {
      credential: { username: lab.ssh.adminUser, type: 'Local administrator', deviceId: device.id },
      password: { action: 'keep' },
      key: { action: 'set', privateKey: encryptedRootKey, passphrase: keyPassphrase },
    });
    const { content } = (await call(source, 'transfer.export', {
      includePasswords: true,
      passphrase: bundlePassphrase,
    })) as { content: string };
    // Sealed only: not a line of the key, nor its passphrase.
    for (const line of encryptedRootKey.split('\n').filter((l) => l.length > 20)) {
      expect(content).not.toContain(line);
    }
    expect(content).not.toContain(keyPassphrase);

    const target = await openCore('target');
    expect(await call(target, 'transfer.import', { content, passphrase: bundlePassphrase })).toMatchObject({
      applied: true,
      credentials: 1,
      passwords: 0,
      keys: 1,
    });
    const imported = target.inventory.credentials.exportRows()[0];
    const importedDevice = target.inventory.devices.list()[0];
    if (!imported || !importedDevice) throw new Error('nothing imported');
    const template = (await call(target, 'templates.save', {
      template: {
        name: 'Who am I',
        pluginId: 'ssh',
        executionType: 'New user',
        content: `${firstPrompt}exec "id -un"\nexpect "*root*"\n`,
      },
    })) as { id: number };
    const op = (await call(target, 'operations.testTemplate', {
      templateId: template.id,
      deviceId: importedDevice.id,
      login: { credentialId: imported.id },
      username: 'nobody',
    })) as { status: string; attempts: { error: string | null }[] };
    expect(op.attempts[0]?.error ?? null).toBeNull();
    expect(op.status).toBe('Successful');
  });
});
