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
  // Every dialog opens with the keyboard on its first field.
  await expect(name).toBeFocused();
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
  // Something that looks like an IPv4 address must be one: each number 0 to 255.
  await dialog.getByRole('tab', { name: 'Information' }).click();
  await address.fill('999.1.1.1');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(address).toHaveAccessibleDescription('An IPv4 address is four numbers from 0 to 255');
  // Cancel with changes asks first.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  const discard = page.getByRole('dialog', { name: 'Discard your changes?' });
  await discard.getByRole('button', { name: 'Discard' }).click();
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

test('devices: a host name with digits is an address; closing with changes asks first', async ({ app }) => {
  const { page } = app;
  await openDevices(page);
  const grid = page.getByRole('grid', { name: 'Devices' });
  const dialog = page.getByRole('dialog', { name: 'Device' });
  const discard = page.getByRole('dialog', { name: 'Discard your changes?' });
  const name = dialog.getByRole('textbox', { name: 'Name' });

  await page.getByRole('button', { name: '+ New device' }).click();
  await name.fill('db01');
  await dialog.getByRole('textbox', { name: 'Address' }).fill('db01.lab');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const row = grid.getByRole('row', { name: /db01/ });
  await expect(row).toContainText('db01.lab');

  // Opened and closed unchanged: no question, whichever way.
  const edit = async () => {
    await row.getByRole('button', { name: 'Actions for db01' }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    await expect(name).toHaveValue('db01');
  };
  await edit();
  await dialog.getByRole('tab', { name: 'Connectivity' }).click();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await edit();
  await page.mouse.click(5, 5);
  await expect(dialog).toBeHidden();
  await expect(discard).toHaveCount(0);

  // Changed (a protocol added): Escape and a click outside ask; Keep editing keeps the change.
  await edit();
  await dialog.getByRole('tab', { name: 'Connectivity' }).click();
  await dialog.getByRole('button', { name: 'Add protocol' }).click();
  const port = dialog.getByRole('group', { name: 'SSH' }).getByRole('textbox', { name: 'Port' });
  await expect(port).toHaveValue('22');
  await page.keyboard.press('Escape');
  await discard.getByRole('button', { name: 'Keep editing' }).click();
  await page.mouse.click(5, 5);
  await expect(discard).toBeVisible();
  await discard.getByRole('button', { name: 'Keep editing' }).click();
  await expect(port).toHaveValue('22');
  // Removed again: back to what was loaded, nothing to ask.
  await dialog.getByRole('button', { name: 'Remove SSH' }).click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  await edit();
  await dialog.getByRole('textbox', { name: 'Site' }).fill('Lab B');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await discard.getByRole('button', { name: 'Discard' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).not.toContainText('Lab B');
});

test('devices: a bidirectional override in a name and a run of colons as address are refused beside their fields', async ({
  app,
}) => {
  const { page } = app;
  await openDevices(page);
  const grid = page.getByRole('grid', { name: 'Devices' });
  const dialog = page.getByRole('dialog', { name: 'Device' });
  const name = dialog.getByRole('textbox', { name: 'Name' });
  const address = dialog.getByRole('textbox', { name: 'Address' });
  const vendor = dialog.getByRole('textbox', { name: 'Vendor' });

  await page.getByRole('button', { name: '+ New device' }).click();
  // "db-01" followed by U+202E: what follows would display reversed.
  await name.fill('db-01\u202Egpj.exe');
  await address.fill(':::::::');
  await vendor.fill('Acme\u0085');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription(
    'Device name contains a bidirectional control character (U+202E), which makes text display differently from what it is',
  );
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(address).toHaveAccessibleDescription(
    'Not a valid IPv6 address: eight groups of 1 to 4 hex digits separated by colons, one "::" at most',
  );
  await expect(vendor).toHaveAccessibleDescription(
    'Vendor contains a control character (U+0085); only printable text is allowed',
  );

  // Corrected, it saves: a real IPv6 address, and right-to-left letters are fine on their own.
  await name.fill('שרת-01');
  await address.fill('fd00::5');
  await vendor.fill('Acme');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(grid.getByRole('row', { name: /שרת-01/ })).toContainText('fd00::5');
});
