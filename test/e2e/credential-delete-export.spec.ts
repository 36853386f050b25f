/**
 * Credentials as a user removes and exports them: Delete from a row's three dots (a soft delete,
 * confirmed first, kept for audit) and View actions > Export CSV of the filtered list (a real
 * download, without passwords).
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { openScreen } from './support/navigation';
import { chooseDevice } from './support/pickers';

async function createDevice(page: Page, name: string, address: string) {
  await openScreen(page, 'Devices', 'All devices');
  await page.getByRole('button', { name: '+ New device' }).click();
  const dialog = page.getByRole('dialog', { name: 'Device' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await dialog.getByRole('textbox', { name: 'Address' }).fill(address);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

async function openCredentials(page: Page) {
  await openScreen(page, 'PAM Core', 'All');
  await expect(page.getByRole('heading', { level: 1, name: 'Credentials — All' })).toBeVisible();
}

/** View actions > + New, on the Credentials screen already open. */
async function createCredential(page: Page, username: string, device: string, password: string) {
  await page.getByRole('button', { name: 'View actions' }).click();
  await page.getByRole('menuitem', { name: '+ New' }).click();
  const dialog = page.getByRole('dialog', { name: 'New credential' });
  await dialog.getByRole('textbox', { name: 'Username' }).fill(username);
  await chooseDevice(dialog, device);
  await dialog.getByLabel('Password', { exact: true }).fill(password);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: `Actions for ${username} @ ${device}` })).toBeVisible();
}

test('credentials: Delete asks first, then the row leaves the list and the audit log keeps it', async ({
  app,
}) => {
  test.slow();
  const { page } = app;
  await createDevice(page, 'del-01', '10.50.0.1');
  await openCredentials(page);
  await createCredential(page, 'keeper', 'del-01', 'Keeper-pw-e2e-1');
  await createCredential(page, 'leaver', 'del-01', 'Leaver-pw-e2e-2');

  const leaverActions = page.getByRole('button', { name: 'Actions for leaver @ del-01' });
  const confirm = page.getByRole('dialog', { name: 'Delete credential' });

  // Cancel in the confirmation changes nothing.
  await leaverActions.click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await expect(confirm).toContainText(
    'Delete leaver @ del-01? This is a soft delete: the credential is deactivated and kept for audit.',
  );
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(leaverActions).toBeVisible();

  // Confirmed: said, and the row is gone; the other credential of the device stays.
  await leaverActions.click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(confirm).toBeHidden();
  await expect(
    page.getByRole('status').filter({ hasText: 'Deleted: leaver @ del-01 (kept for audit)' }),
  ).toBeVisible();
  await expect(leaverActions).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Actions for keeper @ del-01' })).toBeVisible();

  // Deactivated, yet not listed as Inactive either: a deleted credential is out of the lists.
  const filter = page.getByRole('search', { name: 'Filter credentials' });
  await filter.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Inactive' });
  await filter.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('No credentials match the filter. Change it, or use Clear.')).toBeVisible();
  await filter.getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByRole('button', { name: 'Actions for keeper @ del-01' })).toBeVisible();
  await expect(leaverActions).toHaveCount(0);

  // Still there after a reload of the list from the core (not only removed from the screen).
  await page.getByRole('button', { name: 'View actions' }).click();
  await page.getByRole('menuitem', { name: 'Refresh' }).click();
  await expect(page.getByRole('button', { name: 'Actions for keeper @ del-01' })).toBeVisible();
  await expect(leaverActions).toHaveCount(0);

  // Kept for audit: Reports > Audit lists the deletion, by its label.
  await openScreen(page, 'Reports', 'Audit');
  const audit = page.getByRole('grid', { name: 'Audit' });
  const deleted = audit
    .getByRole('row')
    .filter({ has: page.locator('[data-field="action"]', { hasText: /^delete$/ }) });
  await expect(deleted).toHaveCount(1);
  await expect(deleted.locator('[data-field="entity"]')).toHaveText('Credential');
  await expect(deleted.locator('[data-field="label"]')).toHaveText('leaver @ del-01');
});

test('credentials: Export CSV downloads the filtered list, header first, and no password', async ({
  app,
}) => {
  test.slow();
  const { page } = app;
  await createDevice(page, 'exp-01', '10.51.0.1');
  await createDevice(page, 'exp-02', '10.51.0.2');
  await openCredentials(page);
  const passwords = ['Alice-pw-e2e-1', 'Bob-pw-e2e-2', 'Carol-pw-e2e-3'];
  await createCredential(page, 'alice', 'exp-01', passwords[0] ?? '');
  await createCredential(page, 'bob', 'exp-01', passwords[1] ?? '');
  await createCredential(page, 'carol', 'exp-02', passwords[2] ?? '');

  // Only exp-01's credentials.
  const filter = page.getByRole('search', { name: 'Filter credentials' });
  await filter.getByRole('textbox', { name: 'Device' }).fill('exp-01');
  await filter.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByRole('button', { name: 'Actions for carol @ exp-02' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Actions for bob @ exp-01' })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'View actions' }).click();
  await page.getByRole('menuitem', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('credentials.csv');
  const csv = readFileSync(await file.path(), 'utf8');
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  expect(header).toBe(
    'ID,Device,Address,Type,Just in time,Just in time type,Username,Additional information,Domain,Status,Tags,Last use,Session status',
  );
  // Two rows, in list order, with the device's name and address; carol is filtered out.
  expect(rows).toHaveLength(2);
  const cells = rows.map((row) => row.split(','));
  expect(cells.map((c) => [c[1], c[2], c[6], c[9]])).toEqual([
    ['exp-01', '10.51.0.1', 'alice', 'Active'],
    ['exp-01', '10.51.0.1', 'bob', 'Active'],
  ]);
  expect(csv).not.toContain('carol');
  for (const password of passwords) expect(csv).not.toContain(password);
  await expect(page.getByText('Exported 2 credentials to credentials.csv')).toBeVisible();
});
