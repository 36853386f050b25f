import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { expect, test } from './fixtures';
import { openScreen } from './support/navigation';

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
  expect(header).toBe('Seq,Time,Actor,Action,Entity,Entity ID,Label,Fields,Result,Detail');
  expect(rows).toHaveLength(1);
  expect(rows[0]).toContain(`,${actor},create,device,`);
  expect(rows[0]).toContain('audit-web-01');
  // The export keeps the field keys.
  expect(rows[0]).toContain(',name address type vendor product site tags active connectivity,');
  // Filtered: a save's toast (save-toast.tsx) may still be up beside it.
  await expect(page.getByRole('status').filter({ hasText: 'audit.csv' })).toBeVisible();
});
