// Custom fields on the Credential form: a text field and a secret one are saved; reopened, the
// text value shows and the secret one does not (the renderer never receives it).
import { expect, test } from './fixtures';
import { openScreen } from './support/navigation';
import { chooseDevice } from './support/pickers';

test('a credential keeps a text and a secret custom field; the secret is never shown back', async ({
  app,
}) => {
  const { page } = app;
  await openScreen(page, 'Devices', 'All devices');
  await page.getByRole('button', { name: '+ New device' }).click();
  const device = page.getByRole('dialog', { name: 'Device' });
  await device.getByRole('textbox', { name: 'Name', exact: true }).fill('cf-01');
  await device.getByRole('textbox', { name: 'Address' }).fill('10.64.0.1');
  await device.getByRole('button', { name: 'Save' }).click();
  await expect(device).toBeHidden();

  await openScreen(page, 'PAM Core', 'All');
  await page.getByRole('button', { name: 'View actions' }).click();
  await page.getByRole('menuitem', { name: '+ New' }).click();
  let dialog = page.getByRole('dialog', { name: 'New credential' });
  await dialog.getByRole('textbox', { name: 'Username' }).fill('cfuser');
  await chooseDevice(dialog, 'cf-01');
  const section = dialog.getByRole('region', { name: 'Custom fields' });
  await section.getByRole('button', { name: 'Add custom field' }).click();
  await section.getByRole('button', { name: 'Add custom field' }).click();
  const first = section.getByRole('group', { name: 'Custom field 1' });
  const second = section.getByRole('group', { name: 'Custom field 2' });
  await first.getByRole('textbox', { name: 'Name' }).fill('home_dir');
  await first.getByRole('textbox', { name: 'Value' }).fill('/srv/cf');
  await second.getByRole('textbox', { name: 'Name' }).fill('API_KEY');
  await second.getByRole('combobox', { name: 'Kind' }).selectOption('secret');
  await second.getByLabel('Value').fill('E2e-Secret-Value-9');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Actions for cfuser @ cf-01' }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  dialog = page.getByRole('dialog', { name: 'Edit credential' });
  const reopened = dialog.getByRole('region', { name: 'Custom fields' });
  await expect(
    reopened.getByRole('group', { name: 'Custom field 1' }).getByRole('textbox', { name: 'Name' }),
  ).toHaveValue('HOME_DIR');
  await expect(
    reopened.getByRole('group', { name: 'Custom field 1' }).getByRole('textbox', { name: 'Value' }),
  ).toHaveValue('/srv/cf');
  const secretValue = reopened.getByRole('group', { name: 'Custom field 2' }).getByLabel('Value');
  await expect(secretValue).toHaveValue('');
  await expect(reopened).toContainText('Secret stored: leave empty to keep it');
  await expect(page.locator('body')).not.toContainText('E2e-Secret-Value-9');
});
