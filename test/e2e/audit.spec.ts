import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { expect, test } from './fixtures';
import { openScreen } from './support/navigation';
import { chooseDevice } from './support/pickers';

test('audit: a device creation is listed, filtered by entity, and exported as CSV', async ({ app }) => {
  const { page } = app;
  // The core records the OS user it runs as: the host is started by this test process.
  const actor = userInfo().username;

  await openScreen(page, 'Devices', 'All devices');
  await page.getByRole('button', { name: '+ New device' }).click();
  const dialog = page.getByRole('dialog', { name: 'Device' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('audit-web-01');
  await dialog.getByRole('textbox', { name: 'Address' }).fill('10.30.0.7');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await openScreen(page, 'Reports', 'Audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit' })).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Audit' });
  const created = grid.getByRole('row').filter({ hasText: 'audit-web-01' });
  await expect(created).toHaveCount(1);
  await expect(created.locator('[data-field="actor"]')).toHaveText(actor);
  await expect(created.locator('[data-field="action"]')).toHaveText('create');
  await expect(created.locator('[data-field="entity"]')).toHaveText('Device');
  // Fields as the Device form labels them (only the CSV export keeps the keys).
  const fields = created.locator('[data-field="fields"]');
  await expect(fields).toHaveText('Name, Address, Type, Vendor, Product, Site, Tags, Active, Connectivity');
  // The time as every screen writes it, with its time zone on hover.
  const time = created.locator('[data-field="at"] time');
  await expect(time).toHaveText(/^\D*\d.*\d{1,2}:\d{2}:\d{2}\D*$/);
  await expect(time).toHaveAttribute('title', /\d{1,2}:\d{2}:\d{2}.* \(.+\)$/);
  // Whole in its column: the end of the time (an AM or PM) is never cut off.
  const timeCell = created.locator('[data-field="at"]');
  expect(await timeCell.evaluate((cell) => cell.scrollWidth <= cell.clientWidth)).toBe(true);
  // Unlocking the vault from --passphrase-file is audited too: the list holds more than devices
  // (filtered to Entity = vault, as it may be further down than the grid shows).
  const vaultRows = grid
    .getByRole('row')
    .filter({ has: page.locator('[data-field="entity"]', { hasText: 'Vault' }) });
  await page.getByRole('combobox', { name: 'Entity' }).selectOption('vault');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(vaultRows.first()).toBeVisible();
  await expect(created).toHaveCount(0);

  // Entity = device: only device entries remain.
  await page.getByRole('combobox', { name: 'Entity' }).selectOption('device');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(vaultRows).toHaveCount(0);
  await expect(created).toHaveCount(1);
  const entities = grid.locator('[role="row"] [data-field="entity"][role="gridcell"]');
  await expect(entities).toHaveText(['Device']);

  // Export CSV: the filtered list as a file, with its header and the entry.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('audit.csv');
  const path = await file.path();
  const csv = readFileSync(path, 'utf8');
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  expect(header).toBe('Seq,Time,Actor,Action,Entity,Entity ID,Label,Fields,Result,Detail,Changes');
  expect(rows).toHaveLength(1);
  expect(rows[0]).toContain(`,${actor},create,device,`);
  expect(rows[0]).toContain('audit-web-01');
  // The export keeps the field keys.
  expect(rows[0]).toContain(',name address type vendor product site tags active connectivity,');
  // Filtered: a save's toast (save-toast.tsx) may still be up beside it.
  await expect(page.getByRole('status').filter({ hasText: 'audit.csv' })).toBeVisible();
});

test('audit detail: a device edit shows the address before and after; a password change shows no value', async ({
  app,
}) => {
  test.slow();
  const { page } = app;
  const newPassword = 'Aud1t-New-pw-77';

  // A device, then its address edited.
  await openScreen(page, 'Devices', 'All devices');
  await page.getByRole('button', { name: '+ New device' }).click();
  const device = page.getByRole('dialog', { name: 'Device' });
  await device.getByRole('textbox', { name: 'Name', exact: true }).fill('aud-01');
  await device.getByRole('textbox', { name: 'Address' }).fill('a.lab');
  await device.getByRole('button', { name: 'Save' }).click();
  await expect(device).toBeHidden();
  await page.getByRole('button', { name: 'Actions for aud-01' }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  await expect(device.getByRole('textbox', { name: 'Address' })).toHaveValue('a.lab');
  await device.getByRole('textbox', { name: 'Address' }).fill('b.lab');
  await device.getByRole('button', { name: 'Save' }).click();
  await expect(device).toBeHidden();

  // A credential on it, then its stored password changed (Store only).
  await openScreen(page, 'PAM Core', 'All');
  await page.getByRole('button', { name: 'View actions' }).click();
  await page.getByRole('menuitem', { name: '+ New' }).click();
  const created = page.getByRole('dialog', { name: 'New credential' });
  await created.getByRole('textbox', { name: 'Username' }).fill('audroot');
  await chooseDevice(created, 'aud-01');
  await created.getByLabel('Password', { exact: true }).fill('Aud1t-Old-pw-11');
  await created.getByRole('button', { name: 'Save' }).click();
  await expect(created).toBeHidden();
  await page.getByRole('button', { name: 'Actions for audroot @ aud-01' }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  const form = page.getByRole('dialog', { name: 'Edit credential' });
  await expect(form.getByRole('textbox', { name: 'Username' })).toHaveValue('audroot');
  await form.getByLabel('Password', { exact: true }).fill(newPassword);
  await form.getByRole('button', { name: 'Save' }).click();
  const ask = page.getByRole('dialog', { name: 'Change the password on the device?' });
  await ask
    .getByRole('checkbox', { name: 'Store only: I understand that aud-01 keeps its old password' })
    .check();
  await ask.getByRole('button', { name: 'Store only' }).click();
  await expect(form).toBeHidden();

  // The audit rows open their detail: each change by the form's label.
  await openScreen(page, 'Reports', 'Audit');
  const grid = page.getByRole('grid', { name: 'Audit' });
  const detail = page.getByRole('dialog', { name: 'Audit entry' });
  const changes = detail.getByRole('region', { name: 'Changes' }).getByRole('listitem');
  const open = async (entity: 'Device' | 'Credential', subject: string) => {
    const row = grid
      .getByRole('row')
      .filter({ hasText: subject })
      .filter({ has: page.locator('[data-field="entity"]', { hasText: entity }) })
      .filter({ has: page.locator('[data-field="action"]', { hasText: /^update$/ }) });
    await expect(row).toHaveCount(1);
    await row.getByRole('button', { name: /^Details of entry/ }).click();
    await expect(detail).toBeVisible();
  };

  // An update's Detail cell says what changed (it was empty: the changes were only in the detail).
  const deviceUpdate = grid
    .getByRole('row')
    .filter({ has: page.locator('[data-field="entity"]', { hasText: 'Device' }) })
    .filter({ has: page.locator('[data-field="action"]', { hasText: /^update$/ }) });
  await expect(deviceUpdate.locator('[data-field="detail"]')).toHaveText('Address: a.lab → b.lab');
  await open('Device', 'aud-01');
  await expect(changes).toHaveText(['Address: a.lab → b.lab']);
  await detail.getByRole('button', { name: 'Close' }).click();
  await expect(detail).toBeHidden();

  await open('Credential', 'audroot @ aud-01');
  await expect(changes).toHaveText(['Password: changed']);
  await expect(detail).toContainText('Secret fields are recorded as changed, never with their values.');
  await expect(detail).not.toContainText(newPassword);
  await detail.getByRole('button', { name: 'Close' }).click();
});
