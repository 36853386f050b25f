/**
 * The SSH terminal of a JIT session, against a real OpenSSH (the lab's sshd, started here once per
 * worker): a Creation and deletion credential set up through the UI with the lab's root (its key)
 * as the authentication credential, Start session from the credential list, `id -un` typed in the
 * terminal shows the generated account, Close, and the account is gone on the server (checked
 * as root over SSH, outside the app).
 *
 * Then, in one test to keep CI time low: a plain session (a credential without JIT, its stored
 * password) removes nothing; with the maximum session length at 1 minute, 1 MB of output leaves
 * the page responsive, the session ends by itself, its account is gone, and Remote sessions shows
 * the transcript a page at a time.
 */
import type { Page } from '@playwright/test';
import type { Client } from 'ssh2';
import { sshClose, sshConnect, sshExec, sshRun } from '../lab/clients/ssh';
import { startSsh } from '../lab/ssh';
import type { RunningServer, SshDetails } from '../lab/types';
import { expect, test } from './fixtures';
import { importBundle } from './support/import-bundle';
import { openScreen } from './support/navigation';
import { chooseDevice, chooseSearched, pick } from './support/pickers';

let lab: RunningServer<SshDetails>;
let root: Client;
test.beforeAll(async () => {
  lab = await startSsh();
  const { host, port, adminUser, privateKey } = lab.details;
  root = await sshConnect({ host, port, username: adminUser, privateKey });
});
test.afterAll(async () => {
  // The plain session's account is made by the test, not by a JIT run that removes it.
  await sshExec(root, 'userdel -r plainops 2>/dev/null || true');
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

async function newCredential(page: Page, username: string, privateKey?: string, password?: string) {
  await openScreen(page, 'PAM Core', 'All');
  await page.getByRole('button', { name: 'View actions' }).click();
  await page.getByRole('menuitem', { name: '+ New' }).click();
  const dialog = page.getByRole('dialog', { name: 'New credential' });
  await dialog.getByRole('textbox', { name: 'Username' }).fill(username);
  await chooseDevice(dialog, 'ssh-lab');
  if (privateKey) await dialog.getByRole('textbox', { name: 'SSH private key' }).fill(privateKey);
  if (password) await dialog.getByLabel('Password', { exact: true }).fill(password);
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
  await chooseSearched(
    dialog,
    'Authentication credential',
    lab.details.adminUser,
    `${lab.details.adminUser} @ ssh-lab`,
  );
  const section = dialog.getByRole('region', { name: 'Creation and deletion', exact: true });
  await pick(section, 'Credential creation plugin', 'SSH');
  await pick(section, 'Credential creation template', 'Linux: create JIT account');
  await pick(section, 'Credential deletion plugin', 'SSH');
  await pick(section, 'Credential deletion template', 'Linux: delete JIT account');
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

async function setMaxSessionMinutes(page: Page, minutes: number) {
  await page.getByRole('button', { name: 'Grid Menu' }).click();
  await page.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: 'Settings' }).click();
  await page
    .getByRole('navigation', { name: 'Settings menu' })
    .getByRole('link', { name: 'General' })
    .click();
  await page.getByRole('spinbutton', { name: 'Maximum session length (minutes)' }).fill(String(minutes));
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
}

test('a plain session removes nothing; at the maximum length a session ends by itself, after 1 MB of output that leaves the page responsive', async ({
  app,
}, testInfo) => {
  test.slow();
  const { page } = app;
  await importLabDevice(page, testInfo.outputPath('bundle.json'));
  await newCredential(page, lab.details.adminUser, lab.details.privateKey);
  // A plain credential: an account root made, its password stored, no JIT settings.
  const plainPassword = `Plain-${Date.now()}-pw`;
  await sshRun(
    root,
    `userdel -r plainops 2>/dev/null; useradd -m -s /bin/bash plainops && chpasswd`,
    `plainops:${plainPassword}\n`,
  );
  await newCredential(page, 'plainops', undefined, plainPassword);
  await newCredential(page, 'jitmax');
  await configureCreateDelete(page, 'jitmax');
  await setMaxSessionMinutes(page, 1);

  const session = page.getByRole('region', { name: 'Session' });
  const field = (label: string) => session.locator(`dt:text-is("${label}") + dd`);
  const screen = session.getByRole('region', { name: 'Terminal' }).locator('.xterm-rows');

  // Plain: logged in as the credential itself; Close ends it, and the account is still there.
  await openScreen(page, 'PAM Core', 'All');
  await page.getByRole('button', { name: 'Start session for plainops @ ssh-lab' }).click();
  await expect(field('State')).toHaveText('Active', { timeout: 90_000 });
  await expect(field('Account used')).toHaveText('plainops');
  await expect(screen).toContainText('$', { timeout: 30_000 });
  await page.keyboard.type('id');
  await page.keyboard.press('Enter');
  await expect(screen).toContainText(/uid=\d+\(plainops\)/);
  await session.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(field('State')).toHaveText('Ended', { timeout: 90_000 });
  await expect(session.getByText(/It was a plain session: nothing was enabled or created/)).toBeVisible();
  expect(await accountExists('plainops')).toBe(true);

  // JIT, with a 1 minute maximum length: 1 MB of output, and a click elsewhere still answers.
  await openScreen(page, 'PAM Core', 'Just In Time');
  await page.getByRole('button', { name: 'Start session for jitmax @ ssh-lab' }).click();
  await expect(field('State')).toHaveText('Active', { timeout: 90_000 });
  const account = (await field('Account used').textContent()) ?? '';
  expect(account).toMatch(/^senseg\d{7}$/);
  await expect(screen).toContainText('$', { timeout: 30_000 });
  await page.keyboard.type('seq 1 150000');
  await page.keyboard.press('Enter');
  // At once, while the output streams: another control answers.
  const menu = page.getByRole('button', { name: 'Grid Menu' });
  const started = Date.now();
  await menu.click();
  await expect(page.getByRole('navigation', { name: 'Modules' })).toBeVisible();
  const answeredMs = Date.now() - started;
  await page.keyboard.press('Escape');
  await expect(page.getByRole('navigation', { name: 'Modules' })).toBeHidden();
  // The last number on a row of its own (the command line also holds "150000").
  await expect(screen.locator('> div').filter({ hasText: /^\s*150000\s*$/ })).toBeVisible({
    timeout: 60_000,
  });
  testInfo.annotations.push({
    type: 'click answered during the output (ms)',
    description: String(answeredMs),
  });

  // Nobody closes it: the maximum length ends it, and the cleanup removes the account.
  await expect(field('State')).toHaveText('Ended', { timeout: 150_000 });
  await expect(
    session.getByText('The session reached its maximum length: it ended and its account was cleaned up.'),
  ).toBeVisible();
  expect(await accountExists(account)).toBe(false);

  // Remote sessions > Details: the transcript, a page at a time, from the command to the last number.
  await openScreen(page, 'PAM Core', 'Remote sessions');
  const filter = page.getByRole('form', { name: 'Sessions filter' });
  await filter.getByRole('textbox', { name: 'Text' }).fill(account);
  await filter.getByRole('button', { name: 'Filter' }).click();
  // The filtered page is read again: act on the row once it shows its final content.
  const row = page
    .getByRole('grid', { name: 'Remote sessions' })
    .getByRole('row', { name: new RegExp(account) });
  await expect(row).toContainText('Ended');
  await page.getByRole('button', { name: `Actions for ${account} @ ssh-lab` }).click();
  await page.getByRole('menuitem', { name: 'Details' }).click();
  const details = page.getByRole('dialog', { name: `Session of ${account}` });
  const transcript = details.getByLabel('Terminal transcript');
  await expect(transcript).toContainText('› seq 1 150000');
  // Drawn as a typed line, apart from the output (which a target could make look like one).
  await expect(transcript.locator('[data-kind="typed"]', { hasText: '› seq 1 150000' })).toHaveCount(1);
  await expect(transcript).toContainText('\n1\n2\n3\n');
  const next = details.getByRole('button', { name: 'Next page' });
  for (let n = 2; await next.isEnabled(); n++) {
    await next.click();
    await expect(details.getByText(new RegExp(`^Page ${n} of`))).toBeVisible();
  }
  await expect(transcript).toContainText(/(^|\n)150000\n/);
  await page.screenshot({ path: testInfo.outputPath('terminal-transcript.png'), fullPage: true });
  await testInfo.attach('Remote sessions, terminal transcript', {
    path: testInfo.outputPath('terminal-transcript.png'),
    contentType: 'image/png',
  });
});
