import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { openScreen } from './support/navigation';
import { openTestOnDevice, saveTemplateAndClose } from './support/template-editor';
import { chooseDevice, offered, pick } from './support/pickers';

async function openTemplates(page: Page) {
  await openScreen(page, 'Executions', 'Templates');
  await expect(page.getByRole('heading', { level: 1, name: 'Templates' })).toBeVisible();
}

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

test('templates: built-ins are read-only, Clone makes an editable copy', async ({ app }) => {
  const { page } = app;
  await openTemplates(page);
  const grid = page.getByRole('grid', { name: 'Templates' });
  await page.getByRole('combobox', { name: 'Filter by plugin' }).selectOption('SSH');

  const builtIn = grid.getByRole('row', { name: /Linux: create JIT account/ });
  await expect(builtIn.locator('[data-field="builtIn"]')).toHaveText('Yes');
  await expect(builtIn.locator('[data-field="version"]')).toHaveText('1');

  // A built-in opens with View, read-only: a note says so, the content cannot be typed in, no Save.
  await builtIn.getByRole('button', { name: 'Actions for Linux: create JIT account' }).click();
  await expect(page.getByRole('menuitem', { name: 'Edit' })).toHaveCount(0);
  await page.getByRole('menuitem', { name: 'View' }).click();
  const editor = page.getByRole('dialog', { name: 'Template editor' });
  await expect(editor.getByRole('note')).toHaveText('Built-in templates are read-only: Clone to edit');
  await expect(editor.getByRole('textbox', { name: 'Content' })).not.toBeEditable();
  await expect(editor.getByRole('button', { name: 'Save' })).toBeDisabled();
  // Syntax help is the plugin's own help (shared/plugins/syntax/): commands, rules, an example.
  await editor.getByRole('tab', { name: 'Syntax help' }).click();
  const help = editor.getByRole('region', { name: 'SSH syntax' });
  await expect(help).toContainText('What is matched');
  await expect(help.getByRole('term').filter({ hasText: 'expect-regex "/re/i"' })).toBeVisible();
  await expect(help.getByRole('region', { name: 'Example' })).toContainText('exec "useradd -m [#USERNAME#]"');

  // Clone: the editor switches to the copy, which is editable and can be saved.
  await editor.getByRole('button', { name: 'Clone' }).click();
  await expect(editor.getByRole('textbox', { name: 'Name' })).toHaveValue(
    'Copy of Linux: create JIT account',
  );
  await expect(editor.getByRole('note')).toHaveCount(0);
  await expect(editor.getByRole('textbox', { name: 'Content' })).toBeEditable();
  await editor.getByRole('textbox', { name: 'Name' }).fill('Lab: create JIT account');
  await saveTemplateAndClose(page, editor, 'Lab: create JIT account');
  const copy = grid.getByRole('row', { name: /Lab: create JIT account/ });
  await expect(copy.locator('[data-field="builtIn"]')).toHaveText('No');
});

test('templates: an unknown tag or command is refused beside Content; Check lists problems', async ({
  app,
}) => {
  const { page } = app;
  await openTemplates(page);
  const grid = page.getByRole('grid', { name: 'Templates' });
  const editor = page.getByRole('dialog', { name: 'Template editor' });
  const content = editor.getByRole('textbox', { name: 'Content' });

  await page.getByRole('button', { name: '+ New template' }).click();
  await editor.getByRole('textbox', { name: 'Name' }).fill('E2E check account');
  await expect(editor.getByRole('combobox', { name: 'Plugin' })).toHaveValue('ssh');

  // A malformed tag: flagged live as it is typed, and Save refuses it; listed once, whoever found it.
  const problems = editor.getByRole('list', { name: 'Problems' });
  await content.fill('exec "id [#usernam#]"');
  await expect(problems).toContainText('Malformed tag [#usernam#]');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(content).toHaveAttribute('aria-invalid', 'true');
  await expect(content).toHaveAccessibleDescription('1 problem: pick one to go to its line');
  await expect(editor).toBeVisible();
  const unknown = editor.getByText(/Malformed tag \[#usernam#\]/);
  await expect(unknown).toHaveCount(1);
  await editor.getByRole('button', { name: 'Check' }).click();
  await expect(editor.getByRole('status')).toHaveText(/^Check found 1 problem/);
  await expect(problems).toHaveText(/^Line 1, column \d+: Malformed tag \[#usernam#\]/);
  await expect(unknown).toHaveCount(1);

  // A regular expression that does not compile: "Invalid regular expression" said once.
  await content.fill('expect-regex "/[/"\nexec "id"\nend');
  await editor.getByRole('button', { name: 'Check' }).click();
  await expect(problems).toHaveText(
    'Line 1, column 16: Invalid regular expression: Unterminated character class',
  );

  // An unknown SSH command (tags fine): Check lists it; a refused Save lists it too, once.
  await content.fill('expect "*$"\nfrobnicate "[#USERNAME#]"\nexec "id"\nend');
  await expect(problems).toHaveCount(0);
  await editor.getByRole('button', { name: 'Check' }).click();
  await expect(problems).toContainText('Line 2, column 1: Unknown command "frobnicate"');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(content).toHaveAttribute('aria-invalid', 'true');
  await expect(problems.getByRole('listitem')).toHaveCount(1);
  await expect(editor).toBeVisible();

  // Fixed: Check is clean, Save makes version 1.
  await content.fill('expect "*$"\nexec "id [#USERNAME#]"\nend');
  await editor.getByRole('button', { name: 'Check' }).click();
  await expect(editor.getByRole('status')).toHaveText('Check found no problems.');
  await saveTemplateAndClose(page, editor, 'E2E check account');
  await expect(
    grid.getByRole('row', { name: /E2E check account/ }).locator('[data-field="version"]'),
  ).toHaveText('1');
});

test('templates: each save is a new version; old versions are readable', async ({ app }) => {
  const { page } = app;
  await openTemplates(page);
  const grid = page.getByRole('grid', { name: 'Templates' });
  const editor = page.getByRole('dialog', { name: 'Template editor' });
  const content = editor.getByRole('textbox', { name: 'Content' });

  const v1 = 'expect "*$"\nexec "id [#USERNAME#]"\nend';
  await page.getByRole('button', { name: '+ New template' }).click();
  await editor.getByRole('textbox', { name: 'Name' }).fill('E2E check account');
  await content.fill(v1);
  await saveTemplateAndClose(page, editor, 'E2E check account');
  const row = grid.getByRole('row', { name: /E2E check account/ });
  await expect(row.locator('[data-field="version"]')).toHaveText('1');

  // An edit makes version 2.
  const v2 = 'expect "*$"\nexec "id -u [#USERNAME#]"\nend';
  await row.getByRole('button', { name: 'Actions for E2E check account' }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  await expect(content).toHaveValue(v1);
  await content.fill(v2);
  await saveTemplateAndClose(page, editor, 'E2E check account');
  await expect(row.locator('[data-field="version"]')).toHaveText('2');

  // Version history: both versions; version 1's content shown read-only.
  await row.getByRole('button', { name: 'Actions for E2E check account' }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  await expect(content).toHaveValue(v2);
  await editor.getByRole('tab', { name: 'Version history' }).click();
  const versions = editor.getByRole('list', { name: 'Versions' });
  await expect(versions.getByRole('button', { name: /^Version 2 \(current\)/ })).toBeVisible();
  await versions.getByRole('button', { name: /^Version 1/ }).click();
  const old = editor.getByRole('textbox', { name: 'Version 1 (read-only)' });
  await expect(old).toHaveValue(v1);
  await expect(old).not.toBeEditable();
});

test('templates: Test on a device reports a connect failure as an Error operation', async ({ app }) => {
  // A device and a credential are made through their own screens first: more than the usual budget.
  test.slow();
  const { page } = app;
  const port = await closedPort();

  // A device on 127.0.0.1 whose SSH port has nothing listening, and a credential to run as.
  await openScreen(page, 'Devices', 'All devices');
  await page.getByRole('button', { name: '+ New device' }).click();
  const device = page.getByRole('dialog', { name: 'Device' });
  await device.getByRole('textbox', { name: 'Name' }).fill('closed-port');
  await device.getByRole('textbox', { name: 'Address' }).fill('127.0.0.1');
  await device.getByRole('tab', { name: 'Connectivity' }).click();
  await device.getByRole('button', { name: 'Add protocol' }).click();
  await device.getByRole('group', { name: 'SSH' }).getByRole('textbox', { name: 'Port' }).fill(String(port));
  await device.getByRole('button', { name: 'Save' }).click();
  await expect(device).toBeHidden();

  await openScreen(page, 'PAM Core', 'All');
  await page.getByRole('button', { name: 'View actions' }).click();
  await page.getByRole('menuitem', { name: '+ New' }).click();
  const credential = page.getByRole('dialog', { name: 'New credential' });
  await credential.getByRole('textbox', { name: 'Username' }).fill('root');
  await chooseDevice(credential, 'closed-port');
  await credential.getByLabel('Password', { exact: true }).fill('e2e-root-password-1');
  await credential.getByRole('button', { name: 'Save' }).click();
  await expect(credential).toBeHidden();

  // The built-in creation template, opened read-only: a test still runs it.
  await openTemplates(page);
  await page.getByRole('combobox', { name: 'Filter by plugin' }).selectOption('SSH');
  await page.getByRole('button', { name: 'Actions for Linux: create JIT account' }).click();
  await page.getByRole('menuitem', { name: 'View' }).click();
  const editor = page.getByRole('dialog', { name: 'Template editor' });
  await editor.getByRole('button', { name: 'Test on a device' }).click();
  const dialog = page.getByRole('dialog', { name: 'Test on a device' });

  // Run as offers the chosen device's credentials: none before a device is chosen.
  const runAs = dialog.getByRole('combobox', { name: 'Run as' });
  await expect(runAs).toHaveAttribute('placeholder', 'Choose a device first');
  // Device and Run as are required, beside their fields.
  await dialog.getByRole('button', { name: 'Run test' }).click();
  const deviceField = dialog.getByRole('combobox', { name: 'Device' });
  await expect(deviceField).toHaveAttribute('aria-invalid', 'true');
  await expect(deviceField).toHaveAccessibleDescription('Choose a device');

  // Choosing the device offers its own credential as Run as, and says where it will connect.
  await pick(dialog, 'Device', 'closed-port (127.0.0.1)');
  await expect(deviceField).toHaveAccessibleDescription(`Connects to 127.0.0.1:${port} (SSH)`);
  await expect(runAs).toHaveValue('root @ closed-port');
  expect(await offered(dialog, 'Run as')).toEqual({ 'This device': ['root @ closed-port'] });
  await expect(dialog.getByRole('textbox', { name: 'Account' })).toHaveAccessibleDescription(
    'Empty: a fresh ephemeral name (prefix + 7 digits) is generated',
  );
  // A creation template pairs with the plugin's deletion template for the round trip.
  const roundTrip = dialog.getByRole('region', { name: 'Round trip' });
  await expect(
    roundTrip.getByRole('combobox', { name: 'Partner template' }).locator('option:checked'),
  ).toHaveText('Linux: delete JIT account (v1)');

  await dialog.getByRole('button', { name: 'Run test' }).click();
  const result = dialog.getByRole('region', { name: 'Test result' });
  const operation = result.getByRole('region', { name: 'Operation: Linux: create JIT account v1' });
  await expect(operation.getByText('Error', { exact: true })).toBeVisible();
  await expect(operation).toContainText(/Account senseg\d{7} · run as root @ closed-port/);
  await expect(operation.getByLabel('Error of Linux: create JIT account v1')).toContainText(
    `root@127.0.0.1:${port}: connect ECONNREFUSED`,
  );

  // The round trip: both halves run (the second cleans up whatever the first left) and fail alike.
  await roundTrip.getByRole('button', { name: 'Run round trip' }).click();
  await expect(result.getByRole('status')).toContainText(/^Round trip FAILED for senseg\d{7}/);
  await expect(result.getByRole('region', { name: /^Operation: / })).toHaveCount(2);
  await expect(
    result.getByRole('region', { name: 'Operation: Linux: delete JIT account v1' }).getByText('Error', {
      exact: true,
    }),
  ).toBeVisible();
});

test('templates: closing the editor with changes asks first; unchanged it closes at once', async ({
  app,
}) => {
  const { page } = app;
  await openTemplates(page);
  const editor = page.getByRole('dialog', { name: 'Template editor' });
  const discard = page.getByRole('dialog', { name: 'Discard your changes?' });
  const name = editor.getByRole('textbox', { name: 'Name' });

  // A new template, untouched: Escape closes it.
  await page.getByRole('button', { name: '+ New template' }).click();
  await expect(name).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();

  // Changed: Escape, Cancel and a click outside ask; Keep editing keeps the text.
  await page.getByRole('button', { name: '+ New template' }).click();
  await name.fill('Half-written');
  for (const close of [
    () => page.keyboard.press('Escape'),
    () => editor.getByRole('button', { name: 'Cancel' }).click(),
    () => page.mouse.click(3, 3),
  ]) {
    await close();
    await expect(discard).toBeVisible();
    await discard.getByRole('button', { name: 'Keep editing' }).click();
    await expect(discard).toBeHidden();
    await expect(name).toHaveValue('Half-written');
  }
  await editor.getByRole('button', { name: 'Cancel' }).click();
  await discard.getByRole('button', { name: 'Discard' }).click();
  await expect(editor).toBeHidden();
  await expect(
    page.getByRole('grid', { name: 'Templates' }).getByRole('row', { name: /Half-written/ }),
  ).toHaveCount(0);

  // A built-in, read-only, closes at once.
  await page.getByRole('button', { name: 'Actions for Linux: create JIT account' }).click();
  await page.getByRole('menuitem', { name: 'View' }).click();
  await editor.getByRole('button', { name: 'Close' }).click();
  await expect(editor).toBeHidden();
});

/** A device on 127.0.0.1 with an SSH port, made through the Devices screen. */
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

test('templates: a credential of another device runs a test only once confirmed, and the use is audited', async ({
  app,
}) => {
  test.slow();
  const { page } = app;
  const port = await closedPort();
  await addSshDevice(page, 'target-a', port);
  await addSshDevice(page, 'owner-b', port);
  await openScreen(page, 'PAM Core', 'All');
  await page.getByRole('button', { name: 'View actions' }).click();
  await page.getByRole('menuitem', { name: '+ New' }).click();
  const credential = page.getByRole('dialog', { name: 'New credential' });
  await credential.getByRole('textbox', { name: 'Username' }).fill('admin');
  await chooseDevice(credential, 'owner-b');
  await credential.getByLabel('Password', { exact: true }).fill('e2e-owner-b-password-1');
  await credential.getByRole('button', { name: 'Save' }).click();
  await expect(credential).toBeHidden();

  const dialog = await openTestOnDevice(page, 'SSH', 'Linux: create JIT account');
  await pick(dialog, 'Device', 'target-a (127.0.0.1)');
  const runAs = dialog.getByRole('combobox', { name: 'Run as' });
  // Target-a has no credential of its own: Run as stays empty until one is chosen.
  await expect(runAs).toHaveAttribute('placeholder', 'Choose a credential');
  expect(await offered(dialog, 'Run as')).toEqual({ 'Other devices': ['admin @ owner-b'] });
  await expect(runAs).toHaveValue('');
  await pick(dialog, 'Run as', 'admin @ owner-b');

  // Not confirmed: refused beside Run as, nothing runs.
  const confirm = dialog.getByRole('checkbox', { name: 'Use on another device' });
  await expect(confirm).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Run test' }).click();
  await expect(runAs).toHaveAccessibleDescription(
    'A credential of another device: confirm "Use on another device" to log in with it',
  );
  await expect(dialog.getByRole('region', { name: 'Test result' })).toHaveCount(0);

  // Confirmed: it runs (and fails to connect: nothing listens), as the other device's credential.
  await confirm.check();
  await dialog.getByRole('button', { name: 'Run test' }).click();
  const operation = dialog
    .getByRole('region', { name: 'Test result' })
    .getByRole('region', { name: 'Operation: Linux: create JIT account v1' });
  await expect(operation).toContainText(/run as admin @ owner-b/);
  await expect(operation.getByText('Error', { exact: true })).toBeVisible();

  // The use of the password on target-a is in the audit log, before the run: never the password.
  const audit = readFileSync(join(app.dataDir, 'audit.jsonl'), 'utf8');
  const use = audit
    .split('\n')
    .filter((line) => line.includes('"use_password"'))
    .map((line) => JSON.parse(line) as { label: string; detail: string });
  expect(use).toEqual([
    expect.objectContaining({
      label: 'admin @ owner-b',
      detail: expect.stringMatching(
        /^Test on a device: template "Linux: create JIT account" \(id \d+\) version 1 on target-a \(127\.0\.0\.1\), another device than the credential's \(chosen explicitly\)$/,
      ),
    }),
  ]);
  expect(audit).not.toContain('e2e-owner-b-password-1');
});
