import { expect, test } from './fixtures';
import { openScreen } from './support/navigation';

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

test('vault: the passphrase can be read back, changed from Settings, and wrong ones make the next try wait', async ({
  app,
}) => {
  const page = app.page;
  const first = page.getByLabel('Master passphrase', { exact: true });
  await first.fill(passphrase);
  // The eye shows what was typed, and hides it again.
  await page.getByRole('button', { name: 'Show master passphrase' }).click();
  await expect(first).toHaveAttribute('type', 'text');
  await page.getByRole('button', { name: 'Hide master passphrase' }).click();
  await expect(first).toHaveAttribute('type', 'password');
  await page.getByLabel('Confirm passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Set passphrase' }).click();

  await openScreen(page, 'Settings', 'General');
  await page.getByRole('button', { name: 'Change master passphrase' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change master passphrase' });
  const current = dialog.getByLabel('Current passphrase', { exact: true });
  const next = dialog.getByLabel('New passphrase', { exact: true });
  const repeat = dialog.getByLabel('Repeat the new passphrase', { exact: true });
  const renewed = 'a new passphrase for the vault';
  await current.fill('not the passphrase');
  await next.fill(renewed);
  await repeat.fill(renewed);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(current).toHaveAccessibleDescription('Wrong passphrase');
  await current.fill(passphrase);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: master passphrase' })).toBeVisible();

  // Locked: the old passphrase no longer opens it. Three wrong ones in a row are free (the right
  // one in the dialog started the count over); the fourth makes the next try wait, the right
  // passphrase included.
  await page.getByRole('button', { name: 'Lock' }).click();
  const unlockField = page.getByLabel('Master passphrase', { exact: true });
  const unlock = page.getByRole('button', { name: 'Unlock' });
  for (const wrong of [passphrase, 'still not it', 'wrong again, sorry', 'and a fourth one']) {
    await unlockField.fill(wrong);
    await unlock.click();
    await expect(unlockField).toHaveAccessibleDescription('Wrong passphrase');
  }
  await unlockField.fill(renewed);
  await unlock.click();
  await expect(unlockField).toHaveAccessibleDescription(/^Too many wrong passphrases: try again in [12] s$/);
  await expect(page.getByRole('button', { name: 'Grid Menu' })).toHaveCount(0);
  // Unlock waits out the delay by itself, counting down; then the right passphrase opens the vault.
  await expect(unlock).toBeDisabled();
  await expect(unlock).toBeEnabled({ timeout: 10_000 });
  await expect(unlockField).toHaveAccessibleDescription('');
  await unlockField.fill(renewed);
  await unlock.click();
  await expect(page.getByRole('button', { name: 'Grid Menu' })).toBeVisible();
});
