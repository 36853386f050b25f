import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openScreen } from './support/navigation';

async function openDevices(page: Page) {
  await openScreen(page, 'Devices', 'All devices');
  await expect(page.getByRole('heading', { level: 1, name: 'Devices' })).toBeVisible();
}

test('devices: create with two protocols, refuse bad input beside its field, edit, delete', async ({
  app,
}) => {
  const { page } = app;
  await openDevices(page);
  const grid = page.getByRole('grid', { name: 'Devices' });
  const dialog = page.getByRole('dialog', { name: 'Device' });
  const name = dialog.getByRole('textbox', { name: 'Name' });
  const address = dialog.getByRole('textbox', { name: 'Address' });
  const portOf = (protocol: string) =>
    dialog.getByRole('group', { name: protocol }).getByRole('textbox', { name: 'Port' });

  // Create: Information, then a connectivity row each for SSH and PostgreSQL.
  await page.getByRole('button', { name: '+ New device' }).click();
  await name.fill('db-01');
  await address.fill('10.20.0.5');
  await dialog.getByRole('combobox', { name: 'Type' }).selectOption('Database');
  await dialog.getByRole('tab', { name: 'Connectivity' }).click();
  await dialog.getByRole('button', { name: 'Add protocol' }).click();
  await dialog.getByRole('button', { name: 'Add protocol' }).click();
  await expect(portOf('SSH')).toHaveValue('22');
  await expect(portOf('PostgreSQL')).toHaveValue('5432');
  await portOf('PostgreSQL').fill('6432');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const row = grid.getByRole('row', { name: /db-01/ });
  await expect(row).toContainText('10.20.0.5');
  await expect(row).toContainText('Database');

  // The same name again: the core refuses it beside Name.
  await page.getByRole('button', { name: '+ New device' }).click();
  await name.fill('db-01');
  await address.fill('10.20.0.6');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription('A device named db-01 already exists');

  // A bad address and a bad port: each error beside its field, on its own tab.
  await name.fill('db-02');
  await address.fill('not an address!');
  await dialog.getByRole('tab', { name: 'Connectivity' }).click();
  await dialog.getByRole('button', { name: 'Add protocol' }).click();
  await portOf('SSH').fill('70000');
  await dialog.getByRole('button', { name: 'Save' }).click();
  // The form opens the tab of the first error: Information.
  await expect(dialog.getByRole('tab', { name: 'Information' })).toHaveAttribute('aria-selected', 'true');
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(address).toHaveAccessibleDescription('Enter a host name or an IP address');
  await dialog.getByRole('tab', { name: 'Connectivity' }).click();
  await expect(portOf('SSH')).toHaveAttribute('aria-invalid', 'true');
  await expect(portOf('SSH')).toHaveAccessibleDescription('Ports are 1 to 65535');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(grid.getByRole('row', { name: /db-02/ })).toHaveCount(0);

  // Edit: the saved values come back, a change is saved.
  await row.getByRole('button', { name: 'Actions for db-01' }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  await expect(name).toHaveValue('db-01');
  await dialog.getByRole('textbox', { name: 'Site' }).fill('Lab A');
  await dialog.getByRole('tab', { name: 'Connectivity' }).click();
  await expect(portOf('SSH')).toHaveValue('22');
  await expect(portOf('PostgreSQL')).toHaveValue('6432');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('Lab A');

  // Delete (it holds no credentials), after a confirmation.
  await row.getByRole('button', { name: 'Actions for db-01' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete device' });
  await expect(confirm).toContainText('db-01 (10.20.0.5)');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(confirm).toBeHidden();
  await expect(grid.getByRole('row', { name: /db-01/ })).toHaveCount(0);
  await expect(grid).toContainText('No devices yet');
});
