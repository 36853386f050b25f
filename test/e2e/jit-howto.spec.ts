/**
 * The vendor's how-to "How to configure a JIT credential", step by step in our app, from the first
 * click to the saved record, and the rules around it (docs/user-guide.md, Configure a JIT credential).
 */
import type { Locator, Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { openScreen } from './support/navigation';
import { saveTemplateAndClose } from './support/template-editor';
import { chooseDevice, chooseSearched, pick } from './support/pickers';

async function openCredentialsAll(page: Page) {
  await openScreen(page, 'PAM Core');
  await page.getByRole('navigation', { name: 'PAM Core menu' }).getByRole('link', { name: 'All' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Credentials — All' })).toBeVisible();
}

async function createDevice(page: Page, name: string) {
  await openScreen(page, 'Devices');
  await page.getByRole('button', { name: '+ New device' }).click();
  const dialog = page.getByRole('dialog', { name: 'Device' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await dialog.getByRole('textbox', { name: 'Address' }).fill('10.20.30.40');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

async function newCredential(page: Page, username: string, device: string, password?: string) {
  await page.getByRole('button', { name: 'View actions' }).click();
  await page.getByRole('menuitem', { name: '+ New' }).click();
  const dialog = page.getByRole('dialog', { name: 'New credential' });
  await dialog.getByRole('textbox', { name: 'Username' }).fill(username);
  await chooseDevice(dialog, device);
  if (password) await dialog.getByLabel('Password').fill(password);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

/** Clones a built-in template so the JIT credential uses one that can be edited later. */
async function cloneTemplate(page: Page, builtIn: string): Promise<string> {
  await openScreen(page, 'Executions');
  await page
    .getByRole('navigation', { name: 'Executions menu' })
    .getByRole('link', { name: 'Templates' })
    .click();
  await page.getByRole('button', { name: `Actions for ${builtIn}` }).click();
  await page.getByRole('menuitem', { name: 'Clone' }).click();
  const copy = `Copy of ${builtIn}`;
  // The copy opens in the editor, not saved until Save (version 1).
  const editor = page.getByRole('dialog', { name: 'Template editor' });
  await expect(editor.getByRole('textbox', { name: 'Name' })).toHaveValue(copy);
  await saveTemplateAndClose(page, editor, copy);
  await expect(page.getByRole('button', { name: `Actions for ${copy}` })).toBeVisible();
  return copy;
}

/**
 * The Authentication credential control, as a user works it: type part of a name (the core
 * searches), click the credential in the list that opens.
 */
const chooseCredential = (dialog: Locator, typed: string, label: string) =>
  chooseSearched(dialog, 'Authentication credential', typed, label);

async function editJit(page: Page, label: string) {
  await page.getByRole('button', { name: `Actions for ${label}` }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit credential' });
  await dialog.getByRole('tab', { name: 'JIT Settings' }).click();
  return dialog;
}

test('the how-to: configure an Enable/Disable JIT credential, and it stays configured', async ({ app }) => {
  // The whole how-to plus a restart: many screens, so more time than one screen's test.
  test.slow();
  let page = app.page;
  await createDevice(page, 'web-01');
  const enableTemplate = await cloneTemplate(page, 'Linux: enable account');
  const disableTemplate = await cloneTemplate(page, 'Linux: disable account');

  await openCredentialsAll(page);
  await newCredential(page, 'admin', 'web-01', 'Adm1n-Pa55!');
  await newCredential(page, 'jituser', 'web-01');

  // The how-to: the row's three dots, Edit, JIT Settings.
  let dialog = await editJit(page, 'jituser @ web-01');
  const section = (name: string) => dialog.getByRole('region', { name, exact: true });
  await dialog.getByRole('checkbox', { name: 'Enabled' }).check();
  await dialog.getByRole('combobox', { name: 'Just In Time Type' }).selectOption({ label: 'Enable/Disable' });
  await expect(dialog.getByRole('checkbox', { name: 'Use own credential to connect' })).not.toBeChecked();
  // Authentication credential: open it, type part of the name, click the credential.
  await chooseCredential(dialog, 'adm', 'admin @ web-01');
  // Only the chosen type's section is enabled.
  await expect(
    section('Creation and deletion').getByRole('combobox', { name: 'Credential creation plugin' }),
  ).toBeDisabled();
  const enable = section('Enable/Disable');
  await pick(enable, 'Credential enable plugin', 'SSH');
  await pick(enable, 'Credential enable template', enableTemplate);
  // The enable plugin filled the disable plugin.
  await expect(enable.getByRole('combobox', { name: 'Credential disable plugin' })).toHaveValue('SSH');
  await pick(enable, 'Credential disable template', disableTemplate);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  const expectSaved = async () => {
    await openCredentialsAll(page);
    dialog = await editJit(page, 'jituser @ web-01');
    await expect(dialog.getByRole('checkbox', { name: 'Enabled' })).toBeChecked();
    await expect(dialog.getByRole('combobox', { name: 'Just In Time Type' })).toHaveValue('enable_disable');
    await expect(dialog.getByRole('checkbox', { name: 'Use own credential to connect' })).not.toBeChecked();
    const picked = (name: string) => dialog.getByRole('combobox', { name });
    await expect(dialog.getByRole('combobox', { name: 'Authentication credential' })).toHaveValue(
      'admin @ web-01',
    );
    await expect(picked('Credential enable plugin')).toHaveValue('SSH');
    await expect(picked('Credential enable template')).toHaveValue(enableTemplate);
    await expect(picked('Credential disable plugin')).toHaveValue('SSH');
    await expect(picked('Credential disable template')).toHaveValue(disableTemplate);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  };
  await expectSaved();
  // Details names the authentication credential.
  await page.getByRole('button', { name: 'Actions for jituser @ web-01' }).click();
  await page.getByRole('menuitem', { name: 'Details' }).click();
  const details = page.getByRole('dialog', { name: 'Details of jituser @ web-01' });
  await expect(details.locator('dt:text-is("Authentication credential") + dd')).toHaveText('admin @ web-01');
  await details.getByRole('button', { name: 'Close' }).click();
  // The Just In Time list shows it.
  await page
    .getByRole('navigation', { name: 'PAM Core menu' })
    .getByRole('link', { name: 'Just In Time' })
    .click();
  await expect(page.getByRole('button', { name: 'Actions for jituser @ web-01' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Actions for admin @ web-01' })).toBeHidden();

  page = await app.restart();
  await expectSaved();

  // A template in use cannot be deactivated; the refusal names the credential.
  await openScreen(page, 'Executions');
  await page
    .getByRole('navigation', { name: 'Executions menu' })
    .getByRole('link', { name: 'Templates' })
    .click();
  await page.getByRole('button', { name: `Actions for ${enableTemplate}` }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  const editor = page.getByRole('dialog', { name: 'Template editor' });
  await editor.getByRole('checkbox', { name: 'Active' }).uncheck();
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByText(/jituser @ web-01/)).toBeVisible();
});

test('switching the type enables only that section', async ({ app }) => {
  const page = app.page;
  await createDevice(page, 'db-01');
  await openCredentialsAll(page);
  await page.getByRole('button', { name: 'View actions' }).click();
  await page.getByRole('menuitem', { name: '+ New' }).click();
  const dialog = page.getByRole('dialog', { name: 'New credential' });
  await dialog.getByRole('tab', { name: 'JIT Settings' }).click();
  const combo = (name: string) => dialog.getByRole('combobox', { name });
  // Nothing is enabled while JIT is off.
  await expect(combo('Just In Time Type')).toBeDisabled();
  await dialog.getByRole('checkbox', { name: 'Enabled' }).check();
  await combo('Just In Time Type').selectOption({ label: 'Creation and deletion' });
  await expect(combo('Credential creation plugin')).toBeEnabled();
  await expect(combo('Credential enable plugin')).toBeDisabled();
  await combo('Just In Time Type').selectOption({ label: 'Enable/Disable' });
  await expect(combo('Credential enable plugin')).toBeEnabled();
  await expect(combo('Credential creation plugin')).toBeDisabled();
  // Templates listed for a plugin are only that plugin's, of the matching execution type.
  await pick(dialog, 'Credential enable plugin', 'PostgreSQL');
  // The one matching template is chosen, and the list holds only it.
  const template = combo('Credential enable template');
  await expect(template).toHaveValue('PostgreSQL: JIT enable role');
  await template.click();
  await expect(page.getByRole('listbox').getByRole('option')).toHaveText(['PostgreSQL: JIT enable role']);
  await template.press('Escape');

  // Typed into, a picker lists what matches; arrows and Enter pick. The disable plugin follows.
  const plugin = combo('Credential enable plugin');
  await plugin.fill('maria');
  await expect(page.getByRole('listbox').getByRole('option')).toHaveText(['MySQL / MariaDB']);
  await plugin.press('ArrowDown');
  await plugin.press('Enter');
  await expect(plugin).toHaveValue('MySQL / MariaDB');
  await expect(combo('Credential disable plugin')).toHaveValue('MySQL / MariaDB');
  await plugin.fill('no such plugin');
  await expect(page.getByText('No plugins match')).toBeVisible();
});

test('an invalid combination shows the errors beside the fields and saves nothing', async ({ app }) => {
  const page = app.page;
  await createDevice(page, 'ldap-01');
  await openCredentialsAll(page);
  await newCredential(page, 'svc', 'ldap-01');
  let dialog = await editJit(page, 'svc @ ldap-01');
  await dialog.getByRole('checkbox', { name: 'Enabled' }).check();
  await dialog.getByRole('combobox', { name: 'Just In Time Type' }).selectOption({ label: 'Enable/Disable' });
  // Enable/Disable cannot use its own credential: the box cannot be ticked, and says why.
  await expect(dialog.getByRole('checkbox', { name: 'Use own credential to connect' })).toBeDisabled();
  await expect(dialog.getByText(/a disabled account cannot enable itself/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Nothing was saved: correct the marked fields.')).toBeVisible();
  await expect(
    dialog.getByRole('combobox', { name: 'Authentication credential', exact: true }),
  ).toHaveAccessibleDescription('Choose the credential that runs the templates');
  await expect(dialog.getByRole('combobox', { name: 'Credential enable plugin' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  // The form holds changes: Cancel asks before throwing them away.
  await page
    .getByRole('dialog', { name: 'Discard your changes?' })
    .getByRole('button', { name: 'Discard' })
    .click();

  dialog = await editJit(page, 'svc @ ldap-01');
  await expect(dialog.getByRole('checkbox', { name: 'Enabled' })).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test('the Authentication credential is searched on the core, 50 at a time', async ({ app }, testInfo) => {
  test.slow();
  const page = app.page;
  // 60 credentials on bulk-01 and the one to configure on bulk-02, imported as a bundle (no passwords).
  const users = Array.from({ length: 60 }, (_, i) => `svc${String(i + 1).padStart(3, '0')}`);
  const bundle = {
    format: 'jit-pam-bundle',
    version: 1,
    devices: [
      { ref: 'd1', name: 'bulk-01', address: '10.9.9.1', type: 'Server' },
      { ref: 'd2', name: 'bulk-02', address: '10.9.9.2', type: 'Server' },
    ],
    credentials: [
      ...users.map((username) => ({ ref: username, username, type: 'Local user', deviceRef: 'd1' })),
      { ref: 'target', username: 'target', type: 'Local user', deviceRef: 'd2' },
    ],
  };
  const bundlePath = testInfo.outputPath('bulk.json');
  writeFileSync(bundlePath, JSON.stringify(bundle));
  await openScreen(page, 'Devices', 'All devices');
  await page.getByRole('button', { name: 'Import bundle' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import bundle' });
  await importDialog.getByLabel('Bundle file').setInputFiles(bundlePath);
  await importDialog.getByRole('button', { name: 'Preview' }).click();
  await importDialog.getByRole('button', { name: 'Import' }).click();
  await expect(importDialog.getByRole('status')).toHaveText(
    'Imported 2 devices, 0 templates and 61 credentials.',
  );
  await importDialog.getByRole('button', { name: 'Close' }).click();

  await openCredentialsAll(page);
  const filter = page.getByRole('search', { name: 'Filter credentials' });
  await filter.getByRole('textbox', { name: 'Username' }).fill('target');
  await filter.getByRole('button', { name: 'Filter' }).click();
  const dialog = await editJit(page, 'target @ bulk-02');
  await dialog.getByRole('checkbox', { name: 'Enabled' }).check();
  await dialog.getByRole('combobox', { name: 'Just In Time Type' }).selectOption({ label: 'Enable/Disable' });
  const auth = dialog.getByRole('combobox', { name: 'Authentication credential', exact: true });
  const list = page.getByRole('listbox', { name: 'Authentication credential' });

  // Opened: the first 50 (by device, then user name), and how many more there are.
  await auth.click();
  await expect(list.getByRole('option')).toHaveCount(50);
  await expect(list.getByRole('option').first()).toHaveText('svc001 @ bulk-01');
  // 60 others: the credential being edited is neither offered nor counted.
  await expect(page.getByText('10 more, type to narrow')).toBeVisible();
  // Typing narrows on the core; the credential being edited is never offered.
  await auth.fill('SVC05');
  await expect(list.getByRole('option')).toHaveCount(10);
  await expect(page.getByText(/more, type to narrow/)).toBeHidden();
  await auth.fill('bulk-02');
  await expect(page.getByText('No credentials match')).toBeVisible();
  await auth.fill('svc060');
  await list.getByRole('option', { name: 'svc060 @ bulk-01', exact: true }).click();
  await expect(auth).toHaveValue('svc060 @ bulk-01');
  // Opened again: the chosen credential first, then the first 50 others.
  await auth.click();
  await expect(list.getByRole('option').first()).toHaveText('svc060 @ bulk-01');
  await expect(list.getByRole('option')).toHaveCount(51);
  await expect(page.getByText('9 more, type to narrow')).toBeVisible();
  // With a choice made, typing still searches: the core's answer does not undo what was typed.
  await auth.fill('svc01');
  await expect(list.getByRole('option')).toHaveCount(10);
  await expect(list.getByRole('option').first()).toHaveText('svc010 @ bulk-01');
  await expect(auth).toHaveValue('svc01');
  await auth.press('Escape');
  await expect(list).toBeHidden();

  // The shared rules know the chosen credential: it has no password, said beside the field.
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(auth).toHaveAccessibleDescription('svc060 @ bulk-01 has no password');
  await expect(auth).toHaveAttribute('aria-invalid', 'true');

  // Disabled exactly when it is not needed: own credential on (Creation and deletion allows it), or JIT off.
  await dialog
    .getByRole('combobox', { name: 'Just In Time Type' })
    .selectOption({ label: 'Creation and deletion' });
  await dialog.getByRole('checkbox', { name: 'Use own credential to connect' }).check();
  await expect(auth).toBeDisabled();
  await dialog.getByRole('checkbox', { name: 'Use own credential to connect' }).uncheck();
  await expect(auth).toBeEnabled();
  await dialog.getByRole('checkbox', { name: 'Enabled' }).uncheck();
  await expect(auth).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test('View password shows the password once, and the view is audited', async ({ app }) => {
  const page = app.page;
  await createDevice(page, 'app-01');
  await openCredentialsAll(page);
  await newCredential(page, 'oper', 'app-01', 'S3cret-View!');
  await page.getByRole('button', { name: 'Actions for oper @ app-01' }).click();
  await page.getByRole('menuitem', { name: 'View password' }).click();
  const reveal = page.getByRole('dialog', { name: 'Password of oper @ app-01' });
  await reveal.getByRole('button', { name: 'View password' }).click();
  await expect(reveal.getByLabel('Password')).toHaveText('S3cret-View!');
  await reveal.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Actions for oper @ app-01' }).click();
  await page.getByRole('menuitem', { name: 'History' }).click();
  const history = page.getByRole('table', { name: 'History' });
  await expect(history.getByRole('row').filter({ hasText: 'Password viewed' })).toHaveCount(1);
  // The audit log names the view but never holds the password.
  const audit = readFileSync(join(app.dataDir, 'audit.jsonl'), 'utf8');
  expect(audit).toContain('reveal_password');
  expect(audit).not.toContain('S3cret-View!');
});
