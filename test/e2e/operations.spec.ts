/**
 * Executions > Operations as an administrator uses it: two real test runs (one refused at connect,
 * one left waiting on a shell that never answers), the filters, an operation's details (attempts
 * and step log, secrets masked), and Cancel operation on the one still running.
 */
import type { Page } from '@playwright/test';
import { createServer } from 'node:net';
import { expect, test } from './fixtures';
import { openScreen } from './support/navigation';
import { saveTemplateAndClose } from './support/template-editor';
import { startSilentSshServer } from './support/silent-ssh-server';
import { chooseDevice, pick } from './support/pickers';

/** A port on 127.0.0.1 where nothing listens: bound by the OS, then closed again. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function addSshDevice(page: Page, name: string, port: number) {
  await openScreen(page, 'Devices', 'All devices');
  await page.getByRole('button', { name: '+ New device' }).click();
  const device = page.getByRole('dialog', { name: 'Device' });
  await device.getByRole('textbox', { name: 'Name' }).fill(name);
  await device.getByRole('textbox', { name: 'Address' }).fill('127.0.0.1');
  await device.getByRole('tab', { name: 'Connectivity' }).click();
  await device.getByRole('button', { name: 'Add protocol' }).click();
  await device.getByRole('group', { name: 'SSH' }).getByRole('textbox', { name: 'Port' }).fill(String(port));
  await device.getByRole('button', { name: 'Save' }).click();
  await expect(device).toBeHidden();
}

async function addCredential(page: Page, device: string, password: string) {
  await openScreen(page, 'PAM Core', 'All');
  await page.getByRole('button', { name: 'View actions' }).click();
  await page.getByRole('menuitem', { name: '+ New' }).click();
  const credential = page.getByRole('dialog', { name: 'New credential' });
  await credential.getByRole('textbox', { name: 'Username' }).fill('root');
  await chooseDevice(credential, device);
  await credential.getByLabel('Password', { exact: true }).fill(password);
  await credential.getByRole('button', { name: 'Save' }).click();
  await expect(credential).toBeHidden();
}

const templateName = 'E2E waits forever';
// Logs in, types the login password into the shell (the server prints it back), then waits a
// minute for a text the server never prints: the run stays Running until it is canceled.
const templateContent = [
  'set-read-timeout 60',
  'expect "*$"',
  'exec "echo [#AUTH_PASSWORD#]"',
  'expect "*$"',
  'expect "never-printed"',
  'end',
].join('\n');

test('operations: filters, details with masked secrets, and Cancel operation of a running test', async ({
  app,
}) => {
  // Two devices, two credentials and a template through their screens, then two runs.
  test.slow();
  const { page } = app;
  const password = 'Ops-e2e-secret-7Q';
  const ssh = await startSilentSshServer('root', password);
  try {
    await addSshDevice(page, 'ops-open', ssh.port);
    const closed = await closedPort();
    await addSshDevice(page, 'ops-closed', closed);
    await addCredential(page, 'ops-open', password);
    await addCredential(page, 'ops-closed', 'Ops-e2e-closed-3K');

    await openScreen(page, 'Executions', 'Templates');
    const editor = page.getByRole('dialog', { name: 'Template editor' });
    await page.getByRole('button', { name: '+ New template' }).click();
    await editor.getByRole('textbox', { name: 'Name' }).fill(templateName);
    await editor.getByRole('textbox', { name: 'Content' }).fill(templateContent);
    await saveTemplateAndClose(page, editor, templateName);
    await page.getByRole('button', { name: `Actions for ${templateName}` }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    // Both runs test an edit not saved yet: Operations names them drafts and keeps the text.
    const draftLine = '# tried before it is saved';
    await editor.getByRole('textbox', { name: 'Content' }).fill(`${templateContent}\n${draftLine}`);
    await editor.getByRole('button', { name: 'Test on a device' }).click();
    const testDialog = page.getByRole('dialog', { name: 'Test on a device' });
    const runAs = testDialog.getByRole('combobox', { name: 'Run as' });

    // A run that fails at once: nothing listens on ops-closed's port.
    await pick(testDialog, 'Device', 'ops-closed (127.0.0.1)');
    await expect(runAs).toHaveValue('root @ ops-closed');
    await testDialog.getByRole('button', { name: 'Run test' }).click();
    const result = testDialog.getByRole('region', { name: 'Test result' });
    await expect(result.getByText('Error', { exact: true })).toBeVisible();
    await expect(result).toContainText('ECONNREFUSED');

    // A run that stays Running: the shell answers the echo, then never prints "never-printed".
    await pick(testDialog, 'Device', 'ops-open (127.0.0.1)');
    await expect(runAs).toHaveValue('root @ ops-open');
    await testDialog.getByRole('button', { name: 'Run test' }).click();
    const live = testDialog.getByRole('region', { name: `Operation: ${templateName} (draft)` });
    await expect(live.getByText('Running', { exact: true })).toBeVisible();
    await expect(live.getByRole('table', { name: `Steps of ${templateName} (draft)` })).toContainText(
      '******',
    );
    // The password did reach the shell, and came back in its output: what follows must mask it.
    expect(ssh.lines).toContain(`echo '${password}'`);
    // Closing the dialog leaves the run going; it is canceled from Operations.
    await testDialog.getByRole('button', { name: 'Close' }).click();
    await expect(testDialog).toBeHidden();
    await page.keyboard.press('Escape');
    await page
      .getByRole('dialog', { name: 'Discard your changes?' })
      .getByRole('button', { name: 'Discard' })
      .click();
    await expect(editor).toBeHidden();

    await openScreen(page, 'Executions', 'Operations');
    await expect(page.getByRole('heading', { level: 1, name: 'Operations' })).toBeVisible();
    const grid = page.getByRole('grid', { name: 'Operations' });
    const openRow = grid.getByRole('row').filter({ hasText: 'ops-open' });
    const closedRow = grid.getByRole('row').filter({ hasText: 'ops-closed' });
    await expect(openRow.locator('[data-field="status"]')).toHaveText('Running');
    await expect(closedRow.locator('[data-field="status"]')).toHaveText('Error');
    await expect(openRow.locator('[data-field="kind"]')).toHaveText('Test');
    await expect(openRow.locator('[data-field="templateName"]')).toHaveText(`${templateName} (draft)`);
    await expect(openRow.locator('[data-field="runAs"]')).toHaveText('root @ ops-open');

    // Filters: each is applied with Filter, and Clear shows everything again.
    const filters = page.getByRole('form', { name: 'Operations filter' });
    const status = filters.getByRole('combobox', { name: 'Status' });
    const apply = filters.getByRole('button', { name: 'Filter' });
    const noneMatch = grid.getByText('No operations match the filter. Change it, or use Clear.');
    await status.selectOption('Error');
    await apply.click();
    await expect(closedRow).toHaveCount(1);
    await expect(openRow).toHaveCount(0);
    await status.selectOption('Running');
    await apply.click();
    await expect(openRow).toHaveCount(1);
    await expect(closedRow).toHaveCount(0);
    await filters.getByRole('button', { name: 'Clear' }).click();
    await expect(status).toHaveValue('');
    await expect(openRow).toHaveCount(1);
    await expect(closedRow).toHaveCount(1);

    await filters.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Password change' });
    await apply.click();
    await expect(noneMatch).toBeVisible();
    await filters.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Test' });
    await filters.getByRole('combobox', { name: 'Plugin' }).selectOption({ label: 'PostgreSQL' });
    await apply.click();
    await expect(noneMatch).toBeVisible();
    await filters.getByRole('combobox', { name: 'Plugin' }).selectOption({ label: 'SSH' });
    await apply.click();
    await expect(openRow).toHaveCount(1);
    await expect(closedRow).toHaveCount(1);
    // Text, applied with Enter as well.
    const text = filters.getByRole('textbox', { name: 'Text' });
    await text.fill('ops-closed');
    await text.press('Enter');
    await expect(closedRow).toHaveCount(1);
    await expect(openRow).toHaveCount(0);
    await filters.getByRole('button', { name: 'Clear' }).click();
    await expect(text).toHaveValue('');
    await expect(openRow).toHaveCount(1);
    await expect(closedRow).toHaveCount(1);

    // The finished run's details: its attempt, the connect error.
    const dialog = page.getByRole('dialog', { name: 'Operation' });
    await grid.getByRole('button', { name: `Details of ${templateName} on ops-closed` }).click();
    await expect(dialog.getByRole('region', { name: 'Attempt 1' })).toBeVisible();
    await expect(dialog.getByLabel('Error of attempt 1')).toContainText(
      `root@127.0.0.1:${closed}: connect ECONNREFUSED`,
    );
    await expect(dialog.getByRole('button', { name: 'Cancel operation' })).toHaveCount(0);
    await expect(dialog).toContainText(`${templateName} (draft)`);
    await expect(dialog.getByRole('region', { name: 'The unsaved text that ran' })).toContainText(draftLine);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();

    // The running one: its steps so far, the password masked, and Cancel operation.
    await grid.getByRole('button', { name: `Details of ${templateName} on ops-open` }).click();
    await expect(dialog).toContainText('Running');
    const attempt = dialog.getByRole('region', { name: 'Attempt 1' });
    await expect(attempt).toContainText('Still running');
    const steps = attempt.getByRole('table', { name: 'Step log of attempt 1' });
    const echoStep = steps.getByRole('row').filter({ hasText: 'echo' });
    await expect(echoStep.getByRole('cell').nth(1)).toHaveText('exec "echo ******"');
    // The prompt's answer to the echo, as the shell printed it, masked.
    const answered = steps.getByRole('row').filter({ hasText: 'expect "*$"' }).last();
    await expect(answered.getByRole('cell').first()).toHaveText('4');
    await expect(answered.getByRole('cell').nth(2)).toContainText('******');
    expect(await dialog.innerText()).not.toContain(password);

    await dialog.getByRole('button', { name: 'Cancel operation' }).click();
    // The new status arrives as the core's event, in the open dialog and in the grid.
    await expect(attempt.getByText('Canceled', { exact: true })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel operation' })).toHaveCount(0);
    await expect(attempt).not.toContainText('Still running');
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    expect(await dialog.innerText()).not.toContain(password);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(openRow.locator('[data-field="status"]')).toHaveText('Canceled');

    await status.selectOption('Canceled');
    await apply.click();
    await expect(openRow).toHaveCount(1);
    await expect(closedRow).toHaveCount(0);
    // Nowhere on the page, either.
    expect(await page.content()).not.toContain(password);
  } finally {
    await ssh.close();
  }
});
