/**
 * The SSH terminal of a JIT session, against a real OpenSSH (the lab's sshd, started here once per
 * worker): a Creation and deletion credential set up through the UI with the lab's root (its key)
 * as the authentication credential, Start session from the credential list, `id -un` typed in the
 * terminal shows the generated account, Close, and the account is gone on the server (checked
 * as root over SSH, outside the app).
 */
import type { Page } from '@playwright/test';
import type { Client } from 'ssh2';
import { sshClose, sshConnect, sshExec } from '../lab/clients/ssh';
import { startSsh } from '../lab/ssh';
import type { RunningServer, SshDetails } from '../lab/types';
import { expect, test } from './fixtures';
import { importBundle } from './support/import-bundle';
import { openScreen } from './support/navigation';
import { chooseDevice } from './support/pickers';

let lab: RunningServer<SshDetails>;
let root: Client;
test.beforeAll(async () => {
  lab = await startSsh();
  const { host, port, adminUser, privateKey } = lab.details;
  root = await sshConnect({ host, port, username: adminUser, privateKey });
});
test.afterAll(async () => {
  await sshClose(root);
  await lab.stop();
});

const accountExists = async (name: string) => (await sshExec(root, `getent passwd '${name}'`)).code === 0;

/** The lab's sshd as the device `ssh-lab`, imported as a bundle (as other specs seed devices). */
async function importLabDevice(page: Page, bundlePath: string) {
  const bundle = {
    devices: [
      {
        ref: 'd1',
        name: 'ssh-lab',
        address: lab.details.host,
        type: 'Server',
        connectivity: [{ protocol: 'SSH', port: lab.details.port }],
      },
    ],
  };
  await importBundle(page, bundlePath, bundle, 'Imported 1 device');
}

async function newCredential(page: Page, username: string, privateKey?: string) {
  await openScreen(page, 'PAM Core', 'All');
  await page.getByRole('button', { name: 'View actions' }).click();
  await page.getByRole('menuitem', { name: '+ New' }).click();
  const dialog = page.getByRole('dialog', { name: 'New credential' });
  await dialog.getByRole('textbox', { name: 'Username' }).fill(username);
  await chooseDevice(dialog, 'ssh-lab');
  if (privateKey) await dialog.getByRole('textbox', { name: 'SSH private key' }).fill(privateKey);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

/** Creation and deletion with the built-in Linux templates, as root (its key). */
async function configureCreateDelete(page: Page, username: string) {
  await page.getByRole('button', { name: `Actions for ${username} @ ssh-lab` }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit credential' });
  await dialog.getByRole('tab', { name: 'JIT Settings' }).click();
  await dialog.getByRole('checkbox', { name: 'Enabled' }).check();
  await dialog
    .getByRole('combobox', { name: 'Just In Time Type' })
    .selectOption({ label: 'Creation and deletion' });
  const auth = dialog.getByRole('combobox', { name: 'Authentication credential', exact: true });
  await auth.click();
  await auth.fill(lab.details.adminUser);
  await page
    .getByRole('listbox', { name: 'Authentication credential' })
    .getByRole('option', { name: `${lab.details.adminUser} @ ssh-lab`, exact: true })
    .click();
  const section = dialog.getByRole('region', { name: 'Creation and deletion', exact: true });
  const combo = (name: string) => section.getByRole('combobox', { name });
  await combo('Credential creation plugin').selectOption({ label: 'SSH' });
  await combo('Credential creation template').selectOption({ label: 'Linux: create JIT account' });
  await combo('Credential deletion plugin').selectOption({ label: 'SSH' });
  await combo('Credential deletion template').selectOption({ label: 'Linux: delete JIT account' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

test('Start session on an SSH Creation and deletion credential: the terminal is logged in as the generated account; Close removes it', async ({
  app,
}, testInfo) => {
  test.slow();
  const { page } = app;
  await importLabDevice(page, testInfo.outputPath('bundle.json'));
  await newCredential(page, lab.details.adminUser, lab.details.privateKey);
  await newCredential(page, 'jitops');
  await configureCreateDelete(page, 'jitops');

  await openScreen(page, 'PAM Core', 'Just In Time');
  await page.getByRole('button', { name: 'Start session for jitops @ ssh-lab' }).click();
  const session = page.getByRole('region', { name: 'Session' });
  const field = (label: string) => session.locator(`dt:text-is("${label}") + dd`);
  await expect(field('State')).toHaveText('Active', { timeout: 90_000 });
  const account = (await field('Account used').textContent()) ?? '';
  expect(account).toMatch(/^senseg\d{7}$/);

  // The terminal has the focus: typed keys go to the shell once it prompts.
  const terminal = session.getByRole('region', { name: 'Terminal' });
  const screen = terminal.locator('.xterm-rows');
  await expect(screen).toContainText('$', { timeout: 30_000 });
  await page.keyboard.type('id -un');
  await page.keyboard.press('Enter');
  await expect(screen).toContainText(new RegExp(`id -un\\s*${account}`));
  await page.screenshot({ path: testInfo.outputPath('terminal.png'), fullPage: true });
  await testInfo.attach('Session terminal', {
    path: testInfo.outputPath('terminal.png'),
    contentType: 'image/png',
  });

  await session.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(field('State')).toHaveText('Ended', { timeout: 90_000 });
  await expect(terminal).toHaveCount(0);
  expect(await accountExists(account)).toBe(false);
});
