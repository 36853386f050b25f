import type { AddressInfo } from 'node:net';
import ssh2 from 'ssh2';
import { fingerprintOf } from '../../electron/plugins/ssh/connection/host-key-fingerprint';
import { expect, test } from './fixtures';
import { openScreen } from './support/navigation';
import { ed25519KeyPair } from '../support/ssh-key-pair';

/**
 * An in-process SSH server for the test alone: ssh2's server library (not OpenSSH), with its own
 * ed25519 host key. It speaks the real protocol over a real socket and refuses every login, which
 * is all fetching a host key needs. The lab's OpenSSH is used by the integration tests of host keys.
 */
// ssh2 is CommonJS with exports Node's ES loader cannot name: take them from its default export.
const { Server, utils } = ssh2;

async function startSshServer(): Promise<{ port: number; fingerprint: string; close: () => Promise<void> }> {
  const keys = ed25519KeyPair();
  const parsed = utils.parseKey(keys.private);
  if (parsed instanceof Error) throw parsed;
  const blob = parsed.getPublicSSH();
  const fingerprint = fingerprintOf(blob);
  const server = new Server({ hostKeys: [keys.private] }, (client) => {
    client.on('authentication', (ctx) => ctx.reject());
    client.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, fingerprint, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test('devices: fetch an SSH host key, compare and trust it, then forget it', async ({ app }) => {
  const ssh = await startSshServer();
  try {
    const { page } = app;
    await openScreen(page, 'Devices', 'All devices');
    const dialog = page.getByRole('dialog', { name: 'Device' });
    await page.getByRole('button', { name: '+ New device' }).click();
    await dialog.getByRole('textbox', { name: 'Name' }).fill('ssh-01');
    await dialog.getByRole('textbox', { name: 'Address' }).fill('127.0.0.1');
    await dialog.getByRole('tab', { name: 'Connectivity' }).click();
    // A device not saved yet has no host keys to show.
    await expect(dialog.getByRole('region', { name: 'SSH host keys' })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Add protocol' }).click();
    await dialog
      .getByRole('group', { name: 'SSH' })
      .getByRole('textbox', { name: 'Port' })
      .fill(String(ssh.port));
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();

    const row = page.getByRole('grid', { name: 'Devices' }).getByRole('row', { name: /ssh-01/ });
    await row.getByRole('button', { name: 'Actions for ssh-01' }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    await dialog.getByRole('tab', { name: 'Connectivity' }).click();
    const keys = dialog.getByRole('region', { name: 'SSH host keys' });
    await expect(keys).toContainText('No host key trusted for this address yet.');

    await keys.getByRole('button', { name: 'Fetch host key' }).click();
    const scanned = keys.getByRole('status');
    await expect(scanned).toContainText(
      `127.0.0.1:${ssh.port} shows ssh-ed25519 ${ssh.fingerprint}. No key is trusted for it yet.`,
    );
    await scanned.getByRole('button', { name: 'Trust this key' }).click();
    const trusted = keys.getByRole('group', { name: `Host key of port ${ssh.port}` });
    await expect(trusted).toContainText(`Port ${ssh.port} · ssh-ed25519 · ${ssh.fingerprint}`);
    await expect(trusted).toContainText('Fetched and trusted');

    // Fetched again: the same key, nothing left to trust.
    await keys.getByRole('button', { name: 'Fetch host key' }).click();
    await expect(scanned).toContainText('This is the key already trusted.');
    await expect(scanned.getByRole('button', { name: 'Trust this key' })).toHaveCount(0);

    await trusted.getByRole('button', { name: `Forget host key of port ${ssh.port}` }).click();
    await expect(trusted).toHaveCount(0);
    await expect(keys).toContainText('No host key trusted for this address yet.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Both are in the audit log.
    await openScreen(page, 'Reports', 'Audit');
    const audit = page.getByRole('grid', { name: 'Audit' });
    const action = (text: RegExp) =>
      audit.getByRole('row').filter({ has: page.locator('[data-field="action"]', { hasText: text }) });
    await expect(action(/forget.host.key/)).toHaveCount(1);
    await expect(action(/trust.host.key/)).toHaveCount(1);
    await expect(action(/trust.host.key/)).toContainText(`127.0.0.1:${ssh.port}`);
  } finally {
    await ssh.close();
  }
});

test('devices: fetching the host key of a closed port says why', async ({ app }) => {
  const ssh = await startSshServer();
  const port = ssh.port;
  await ssh.close();
  const { page } = app;
  await openScreen(page, 'Devices', 'All devices');
  const dialog = page.getByRole('dialog', { name: 'Device' });
  await page.getByRole('button', { name: '+ New device' }).click();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('closed-01');
  await dialog.getByRole('textbox', { name: 'Address' }).fill('127.0.0.1');
  await dialog.getByRole('tab', { name: 'Connectivity' }).click();
  await dialog.getByRole('button', { name: 'Add protocol' }).click();
  await dialog.getByRole('group', { name: 'SSH' }).getByRole('textbox', { name: 'Port' }).fill(String(port));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await page
    .getByRole('grid', { name: 'Devices' })
    .getByRole('row', { name: /closed-01/ })
    .getByRole('button', { name: 'Actions for closed-01' })
    .click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  await dialog.getByRole('tab', { name: 'Connectivity' }).click();
  const keys = dialog.getByRole('region', { name: 'SSH host keys' });
  await keys.getByRole('button', { name: 'Fetch host key' }).click();
  await expect(keys.getByRole('alert')).toContainText(`127.0.0.1:${port}: connect ECONNREFUSED`);
});
