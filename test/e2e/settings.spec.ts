import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

test('settings: a bad value is refused beside its field; a good one survives a restart', async ({ app }) => {
  let page = app.page;
  await page.getByRole('button', { name: 'Grid Menu' }).click();
  await page.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: 'Settings' }).click();
  await page
    .getByRole('navigation', { name: 'Settings menu' })
    .getByRole('link', { name: 'General' })
    .click();

  const prefix = page.getByRole('textbox', { name: 'Username prefix' });
  await expect(prefix).toHaveValue('senseg');
  await prefix.fill('Bad Prefix!');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(prefix).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Use 1 to 16 lower-case letters')).toBeVisible();

  await prefix.fill('jit_');
  await page.getByRole('spinbutton', { name: 'Maximum session length (minutes)' }).fill('45');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  page = await app.restart();
  await page.getByRole('button', { name: 'Grid Menu' }).click();
  await page.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('textbox', { name: 'Username prefix' })).toHaveValue('jit_');
  await expect(page.getByRole('spinbutton', { name: 'Maximum session length (minutes)' })).toHaveValue('45');
});

test('settings: a corrupt configuration file is kept aside and reported on screen', async ({ app }) => {
  const page = await app.restart(() => writeFileSync(join(app.dataDir, 'config.json'), '{ "settings": '));
  await expect(page.getByRole('alert').filter({ hasText: 'could not be read' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'config.corrupt-' })).toBeVisible();
});
