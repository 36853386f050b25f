/**
 * Forms that catch mistakes as they are made, and one voice across screens (issue 12, items 9, 10
 * and 12): the JIT Settings tab offers only what Save accepts, the Authentication credential
 * picker prefers the credential's own device and warns about another, every save and delete says
 * so with the same toast, and a refused delete offers only Close.
 */
import type { Locator, Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { openScreen } from './support/navigation';
import { saveTemplateAndClose } from './support/template-editor';
import { chooseDevice, pick } from './support/pickers';

/** Imports `bundle` through Devices > Import bundle, as a user would. */
async function importBundle(page: Page, path: string, bundle: unknown, counts: string) {
  writeFileSync(path, JSON.stringify(bundle));
  await openScreen(page, 'Devices', 'All devices');
  await page.getByRole('button', { name: 'Import bundle' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import bundle' });
  await dialog.getByLabel('Bundle file').setInputFiles(path);
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('status')).toHaveText(counts);
  await dialog.getByRole('button', { name: 'Close' }).click();
}

/** Credentials > All, the row's Edit, the JIT Settings tab. */
async function editJit(page: Page, label: string): Promise<Locator> {
  await openScreen(page, 'PAM Core', 'All');
  await page.getByRole('button', { name: `Actions for ${label}` }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit credential' });
  await dialog.getByRole('tab', { name: 'JIT Settings' }).click();
  return dialog;
}

/** The toast every save and delete shows. */
const toast = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

test('JIT Settings: own credential only where allowed, plugins and single templates filled, the generated account said', async ({
  app,
}, testInfo) => {
  const { page } = app;
  // The prefix the form must show is the one in Settings, not the default.
  await openScreen(page, 'Settings', 'General');
  await page.getByRole('textbox', { name: 'Username prefix' }).fill('jitx');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(toast(page, 'Saved: Settings')).toBeVisible();

  await importBundle(
    page,
    testInfo.outputPath('one.json'),
    {
      format: 'jit-pam-bundle',
      version: 1,
      devices: [{ ref: 'd', name: 'pg-01', address: '10.61.0.1', type: 'Database' }],
      credentials: [{ ref: 'c', username: 'pgowner', type: 'Local user', deviceRef: 'd' }],
    },
    'Imported 1 device, 0 templates and 1 credential.',
  );
  const dialog = await editJit(page, 'pgowner @ pg-01');
  const own = dialog.getByRole('checkbox', { name: 'Use own credential to connect' });
  const combo = (name: string) => dialog.getByRole('combobox', { name, exact: true });
  const picked = (name: string) => combo(name);
  const hint = dialog.getByText('Enable/Disable needs another credential');
  const note = dialog.getByRole('note', { name: 'Generated account' });

  await dialog.getByRole('checkbox', { name: 'Enabled' }).check();
  // Creation and deletion: the own credential may run the templates; the account is generated.
  await combo('Just In Time Type').selectOption({ label: 'Creation and deletion' });
  await expect(own).toBeEnabled();
  await expect(hint).toBeHidden();
  await expect(note).toContainText('Each session creates its own account, jitx and 7 random digits');
  await expect(note).toContainText('e.g. jitx1234567');
  await expect(note).toContainText(
    'This credential’s user name (pgowner) is not used to log in: the Authentication credential runs the templates.',
  );
  await own.check();
  await expect(note).toContainText(
    'This credential’s user name (pgowner) logs in to run the creation and deletion templates.',
  );

  // The creation plugin fills the deletion plugin; one matching template each: both selected.
  await pick(dialog, 'Credential creation plugin', 'PostgreSQL');
  await expect(picked('Credential deletion plugin')).toHaveValue('PostgreSQL');
  await expect(picked('Credential creation template')).toHaveValue('PostgreSQL: JIT create role');
  await expect(picked('Credential deletion template')).toHaveValue('PostgreSQL: JIT drop role');

  // Enable/Disable: the tick goes, the box cannot be ticked again, and the hint says why.
  await combo('Just In Time Type').selectOption({ label: 'Enable/Disable' });
  await expect(own).not.toBeChecked();
  await expect(own).toBeDisabled();
  await expect(hint).toBeVisible();
  await expect(note).toBeHidden();
  await pick(dialog, 'Credential enable plugin', 'MySQL / MariaDB');
  await expect(picked('Credential disable plugin')).toHaveValue('MySQL / MariaDB');
  await expect(picked('Credential enable template')).toHaveValue('MySQL/MariaDB: JIT enable user');
  await expect(picked('Credential disable template')).toHaveValue('MySQL/MariaDB: JIT disable user');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page
    .getByRole('dialog', { name: 'Discard your changes?' })
    .getByRole('button', { name: 'Discard' })
    .click();
});

test('Authentication credential: the device’s own first; another device or a missing protocol is warned', async ({
  app,
}, testInfo) => {
  const { page } = app;
  // app-01 (SSH only) sorts before pg-02 (PostgreSQL), where the JIT credential lives.
  await importBundle(
    page,
    testInfo.outputPath('two.json'),
    {
      format: 'jit-pam-bundle',
      version: 1,
      devices: [
        {
          ref: 'a',
          name: 'app-01',
          address: '10.62.0.1',
          type: 'Server',
          connectivity: [{ protocol: 'SSH', port: 22 }],
        },
        {
          ref: 'p',
          name: 'pg-02',
          address: '10.62.0.2',
          type: 'Database',
          connectivity: [{ protocol: 'PostgreSQL', port: 5432 }],
        },
      ],
      credentials: [
        { ref: 'r', username: 'root', type: 'Local administrator', deviceRef: 'a' },
        { ref: 'g', username: 'pgadmin', type: 'Local administrator', deviceRef: 'p' },
        { ref: 't', username: 'target', type: 'Local user', deviceRef: 'p' },
      ],
    },
    'Imported 2 devices, 0 templates and 3 credentials.',
  );
  const dialog = await editJit(page, 'target @ pg-02');
  await dialog.getByRole('checkbox', { name: 'Enabled' }).check();
  await dialog.getByRole('combobox', { name: 'Just In Time Type' }).selectOption({ label: 'Enable/Disable' });
  await pick(dialog, 'Credential enable plugin', 'PostgreSQL');

  const auth = dialog.getByRole('combobox', { name: 'Authentication credential', exact: true });
  const list = page.getByRole('listbox', { name: 'Authentication credential' });
  await auth.click();
  // pg-02's own credential first, though app-01 sorts before it.
  await expect(list.getByRole('option')).toHaveText(['pgadmin @ pg-02', 'root @ app-01']);
  await list.getByRole('option', { name: 'root @ app-01', exact: true }).click();
  await expect(auth).toHaveAccessibleDescription(
    'root @ app-01 belongs to another device: the templates run on pg-02, logged in as root ' +
      'app-01 has no PostgreSQL port: is root a PostgreSQL account?',
  );
  // The own device's credential: nothing to warn about.
  await auth.click();
  await list.getByRole('option', { name: 'pgadmin @ pg-02', exact: true }).click();
  await expect(auth).toHaveAccessibleDescription('Runs the templates on the device');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page
    .getByRole('dialog', { name: 'Discard your changes?' })
    .getByRole('button', { name: 'Discard' })
    .click();
});

test('every save and delete says so the same way; a refused delete offers only Close', async ({ app }) => {
  const { page } = app;
  // A device: saved, said.
  await openScreen(page, 'Devices', 'All devices');
  await page.getByRole('button', { name: '+ New device' }).click();
  const device = page.getByRole('dialog', { name: 'Device' });
  await device.getByRole('textbox', { name: 'Name', exact: true }).fill('say-01');
  await device.getByRole('textbox', { name: 'Address' }).fill('10.63.0.1');
  await device.getByRole('button', { name: 'Save' }).click();
  await expect(device).toBeHidden();
  await expect(toast(page, 'Saved: say-01')).toBeVisible();

  // A credential on it: saved, said with its `user @ device`.
  await openScreen(page, 'PAM Core', 'All');
  await page.getByRole('button', { name: 'View actions' }).click();
  await page.getByRole('menuitem', { name: '+ New' }).click();
  const credential = page.getByRole('dialog', { name: 'New credential' });
  await credential.getByRole('textbox', { name: 'Username' }).fill('sayer');
  await chooseDevice(credential, 'say-01');
  await credential.getByRole('button', { name: 'Save' }).click();
  await expect(credential).toBeHidden();
  await expect(toast(page, 'Saved: sayer @ say-01')).toBeVisible();

  // A template: saved, said.
  await openScreen(page, 'Executions', 'Templates');
  await page.getByRole('button', { name: '+ New template' }).click();
  const editor = page.getByRole('dialog', { name: 'Template editor' });
  await editor.getByRole('textbox', { name: 'Name' }).fill('Say: check');
  await editor.getByRole('textbox', { name: 'Content' }).fill('expect "*$"\nexec "id [#USERNAME#]"\nend');
  await saveTemplateAndClose(page, editor, 'Say: check');
  // Said inside the editor while it was open, and still said once it has closed.
  await expect(toast(page, 'Saved: Say: check')).toBeVisible();

  // The device still holds the credential: the confirmation says why, and offers only Close.
  await openScreen(page, 'Devices', 'All devices');
  // The list is read again on opening: the refusal is chosen from the row's count, so the test acts
  // once the row counts the credential, as a person sees it.
  const sayRow = page.getByRole('row').filter({ hasText: 'say-01' });
  await expect(sayRow.locator('[data-field="credentialCount"]')).toHaveText('1');
  await page.getByRole('button', { name: 'Actions for say-01' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete device' });
  await expect(confirm.getByRole('alert', { name: 'Cannot delete' })).toHaveText(
    'say-01 cannot be deleted: it holds 1 credential. Delete or move them first.',
  );
  await expect(confirm.getByRole('button')).toHaveText(['Close']);
  await confirm.getByRole('button', { name: 'Close' }).click();
  await expect(confirm).toBeHidden();

  // Deleted once empty: said the same way.
  await openScreen(page, 'PAM Core', 'All');
  await page.getByRole('button', { name: 'Actions for sayer @ say-01' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await page
    .getByRole('dialog', { name: 'Delete credential' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(toast(page, 'Deleted: sayer @ say-01 (kept for audit)')).toBeVisible();
  await openScreen(page, 'Devices', 'All devices');
  // The list reloads on opening: until then its row still counts the credential, and a menu opened
  // on the row meanwhile is re-rendered under the click. A person sees the 0 first; so does the test.
  await expect(sayRow.locator('[data-field="credentialCount"]')).toHaveText('0');
  await page.getByRole('button', { name: 'Actions for say-01' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(confirm).toBeHidden();
  await expect(toast(page, 'Deleted: say-01')).toBeVisible();
});

test('one host, two database systems: the same user name for each, told apart by the database', async ({
  app,
}) => {
  const { page } = app;
  await openScreen(page, 'Devices', 'All devices');
  await page.getByRole('button', { name: '+ New device' }).click();
  const device = page.getByRole('dialog', { name: 'Device' });
  await device.getByRole('textbox', { name: 'Name', exact: true }).fill('db-host');
  await device.getByRole('textbox', { name: 'Address' }).fill('10.64.0.1');
  await device.getByRole('button', { name: 'Save' }).click();
  await expect(device).toBeHidden();

  await openScreen(page, 'PAM Core', 'All');
  const dialog = page.getByRole('dialog', { name: 'New credential' });
  const newAdmin = async (database: string) => {
    await page.getByRole('button', { name: 'View actions' }).click();
    await page.getByRole('menuitem', { name: '+ New' }).click();
    await dialog.getByRole('textbox', { name: 'Username' }).fill('admin');
    await chooseDevice(dialog, 'db-host');
    await dialog.getByRole('textbox', { name: 'Additional information' }).fill(database);
    await dialog.getByRole('button', { name: 'Save' }).click();
  };
  await newAdmin('postgres');
  await expect(dialog).toBeHidden();
  await newAdmin('mysql');
  await expect(dialog).toBeHidden();
  await expect(toast(page, 'Saved: admin @ db-host')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Actions for admin @ db-host' })).toHaveCount(2);
  // The same database again (in another case) is the same account: refused beside Username.
  await newAdmin('POSTGRES');
  await expect(dialog.getByRole('textbox', { name: 'Username' })).toHaveAccessibleDescription(
    /admin @ db-host already exists/,
  );
  await expect(dialog).toBeVisible();
});
