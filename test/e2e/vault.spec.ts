import { expect, test } from './fixtures';

// No --passphrase-file: the app starts as a user meets it the first time.
test.use({ vaultPassphrase: null });

const passphrase = 'correct horse battery staple';

test('vault: set the master passphrase, lock, a wrong and the right passphrase, restart', async ({ app }) => {
  let page = app.page;

  // First start: nothing of the app, only the Set master passphrase form.
  await expect(page.getByRole('heading', { name: 'Set master passphrase' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Grid Menu' })).toHaveCount(0);
  const first = page.getByLabel('Master passphrase', { exact: true });
  const confirm = page.getByLabel('Confirm passphrase', { exact: true });
  const set = page.getByRole('button', { name: 'Set passphrase' });

  await first.fill('too short');
  await confirm.fill('too short');
  await set.click();
  await expect(first).toHaveAttribute('aria-invalid', 'true');
  await expect(first).toHaveAccessibleDescription('At least 10 characters');

  // Only spaces, or mostly spaces, is not a passphrase.
  for (const spaces of [' '.repeat(16), `a${' '.repeat(15)}b`]) {
    await first.fill(spaces);
    await confirm.fill(spaces);
    await set.click();
    await expect(first).toHaveAttribute('aria-invalid', 'true');
    await expect(first).toHaveAccessibleDescription('At least 10 characters that are not spaces');
  }
  await expect(page.getByRole('button', { name: 'Grid Menu' })).toHaveCount(0);

  await first.fill(passphrase);
  await confirm.fill(`${passphrase}!`);
  await set.click();
  await expect(confirm).toHaveAttribute('aria-invalid', 'true');
  await expect(confirm).toHaveAccessibleDescription('The passphrases do not match');
  await expect(first).not.toHaveAttribute('aria-invalid', 'true');

  await confirm.fill(passphrase);
  await set.click();
  await expect(page.getByRole('button', { name: 'Grid Menu' })).toBeVisible();

  // Lock: the app goes away at once and the Unlock screen asks for the passphrase.
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Grid Menu' })).toHaveCount(0);

  const unlockField = page.getByLabel('Master passphrase', { exact: true });
  await unlockField.fill('not the passphrase');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(unlockField).toHaveAttribute('aria-invalid', 'true');
  await expect(unlockField).toHaveAccessibleDescription('Wrong passphrase');
  await expect(page.getByRole('button', { name: 'Grid Menu' })).toHaveCount(0);

  await unlockField.fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('button', { name: 'Grid Menu' })).toBeVisible();

  // A restart keeps the vault: it asks to unlock, never to set a passphrase again.
  page = await app.restart();
  await expect(page.getByRole('heading', { name: 'Unlock' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Set master passphrase' })).toHaveCount(0);
  await page.getByLabel('Master passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('button', { name: 'Grid Menu' })).toBeVisible();
});
