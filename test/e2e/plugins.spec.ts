import { expect, test } from './fixtures';

test('plugins: the built-in list, read-only, with no way to add one', async ({ app }) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Grid Menu' }).click();
  await page.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: 'Executions' }).click();
  await page
    .getByRole('navigation', { name: 'Executions menu' })
    .getByRole('link', { name: 'Plugins' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Plugins' })).toBeVisible();

  const table = page.getByRole('table', { name: 'Plugins' });
  const availability = (name: string) =>
    table
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name, exact: true }) })
      .getByRole('cell')
      .last();
  for (const name of ['SSH', 'PostgreSQL', 'MySQL / MariaDB', 'LDAP']) {
    await expect(availability(name)).toHaveText('Available');
  }
  for (const name of ['Windows (WinRM)', 'Microsoft SQL Server', 'Oracle Database']) {
    await expect(availability(name)).toHaveText('Not available in this build');
  }
  // One header row and the seven built-ins, nothing else.
  await expect(table.getByRole('row')).toHaveCount(8);

  await expect(page.getByRole('note')).toHaveText('Plugins are built in; they cannot be added or removed.');
  // No way to add (or register, or import) a plugin anywhere on the screen.
  await expect(page.getByRole('main').getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('link')).toHaveCount(0);
});
