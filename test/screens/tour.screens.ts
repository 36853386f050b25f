/**
 * The screens of the README's tour, as a new administrator sees them after a few minutes of set-up:
 * three devices, an authentication credential and a Creation and deletion JIT credential on the
 * PostgreSQL device, the built-in templates. Each picture is written to docs/screens/.
 */
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, test } from '../e2e/fixtures';
import { importBundle } from '../e2e/support/import-bundle';
import { openScreen } from '../e2e/support/navigation';
import { chooseDevice, pick } from '../e2e/support/pickers';

const screens = join(process.cwd(), 'docs', 'screens');
/** Waits for the last save's toast to go (it would cover the screen's foot), then takes the picture. */
async function shoot(page: Page, name: string) {
  await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toHaveCount(0, { timeout: 20_000 });
  await page.screenshot({ path: join(screens, `${name}.png`) });
}

async function newCredential(page: Page, username: string, device: string, password?: string) {
  await page.getByRole('button', { name: 'View actions' }).click();
  await page.getByRole('menuitem', { name: '+ New' }).click();
  const dialog = page.getByRole('dialog', { name: 'New credential' });
  await dialog.getByRole('textbox', { name: 'Username' }).fill(username);
  await chooseDevice(dialog, device);
  if (password) await dialog.getByLabel('Password', { exact: true }).fill(password);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

test('the tour', async ({ app }, testInfo) => {
  const { page } = app;
  await importBundle(
    page,
    testInfo.outputPath('devices.json'),
    {
      devices: [
        {
          ref: 'd1',
          name: 'web-01',
          address: '10.20.0.11',
          type: 'Server',
          connectivity: [{ protocol: 'SSH', port: 22 }],
        },
        {
          ref: 'd2',
          name: 'db-01',
          address: '10.20.0.21',
          type: 'Database',
          connectivity: [{ protocol: 'PostgreSQL', port: 5432 }],
        },
        {
          ref: 'd3',
          name: 'dir-01',
          address: '10.20.0.31',
          type: 'Directory',
          connectivity: [{ protocol: 'LDAP', port: 389 }],
        },
      ],
    },
    'Imported 3 devices, 0 templates and 0 credentials.',
  );
  await shoot(page, 'devices');

  await openScreen(page, 'PAM Core', 'All');
  await newCredential(page, 'postgres', 'db-01', 'screens-only-password-1');
  await newCredential(page, 'root', 'web-01', 'screens-only-password-2');
  await newCredential(page, 'app_admin', 'db-01');

  // app_admin as the how-to's Creation and deletion credential.
  await page.getByRole('button', { name: 'Actions for app_admin @ db-01' }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  const form = page.getByRole('dialog', { name: 'Edit credential' });
  await form.getByRole('tab', { name: 'JIT Settings' }).click();
  await form.getByRole('checkbox', { name: 'Enabled' }).check();
  await form
    .getByRole('combobox', { name: 'Just In Time Type' })
    .selectOption({ label: 'Creation and deletion' });
  const auth = form.getByRole('combobox', { name: 'Authentication credential', exact: true });
  await auth.click();
  await auth.fill('postgres');
  await page
    .getByRole('listbox', { name: 'Authentication credential' })
    .getByRole('option', { name: 'postgres @ db-01', exact: true })
    .click();
  const section = form.getByRole('region', { name: 'Creation and deletion', exact: true });
  await pick(section, 'Credential creation plugin', 'PostgreSQL');
  await pick(section, 'Credential creation template', 'PostgreSQL: JIT create role');
  await pick(section, 'Credential deletion plugin', 'PostgreSQL');
  await pick(section, 'Credential deletion template', 'PostgreSQL: JIT drop role');
  await shoot(page, 'credential-jit-settings');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
  await shoot(page, 'credentials');

  await openScreen(page, 'Executions', 'Templates');
  await expect(page.getByRole('heading', { level: 1, name: 'Templates' })).toBeVisible();
  await shoot(page, 'templates');
  await page.getByRole('button', { name: 'Actions for PostgreSQL: JIT create role' }).click();
  await page.getByRole('menuitem', { name: 'View' }).click();
  const editor = page.getByRole('dialog', { name: 'Template editor' });
  await expect(editor).toBeVisible();
  await shoot(page, 'template-editor');
  await editor.getByRole('button', { name: 'Test on a device' }).click();
  const test = page.getByRole('dialog', { name: 'Test on a device' });
  await pick(test, 'Device', 'db-01 (10.20.0.21)');
  await expect(test.getByRole('combobox', { name: 'Run as' })).toHaveValue('postgres @ db-01');
  await shoot(page, 'test-on-device');
  await test.getByRole('button', { name: 'Close' }).click();
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();

  await openScreen(page, 'Reports', 'Audit');
  await expect(page.getByRole('grid', { name: 'Audit' }).getByRole('row').nth(3)).toBeVisible();
  await shoot(page, 'audit');

  await openScreen(page, 'Settings', 'General');
  await shoot(page, 'settings');
});
