/**
 * An SSH private key on a credential, as an administrator stores one: loaded from a file (or
 * pasted), saved, and afterwards only "a key is stored" is shown; a text that is no private key
 * is refused beside the field and nothing is saved.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openScreen } from './support/navigation';
import { chooseDevice } from './support/pickers';
import { ed25519KeyPair } from '../support/ssh-key-pair';

async function createDevice(page: Page, name: string) {
  await openScreen(page, 'Devices', 'All devices');
  await page.getByRole('button', { name: '+ New device' }).click();
  const dialog = page.getByRole('dialog', { name: 'Device' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await dialog.getByRole('textbox', { name: 'Address' }).fill('10.40.0.2');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

async function openNew(page: Page) {
  await openScreen(page, 'PAM Core', 'All');
  await page.getByRole('button', { name: 'View actions' }).click();
  await page.getByRole('menuitem', { name: '+ New' }).click();
  const dialog = page.getByRole('dialog', { name: 'New credential' });
  await expect(dialog.getByRole('textbox', { name: 'Username' })).toBeVisible();
  return dialog;
}

test('an SSH key loaded from a file is stored, shown only as stored; a bad key is refused beside the field', async ({
  app,
}) => {
  const { page } = app;
  const key = ed25519KeyPair({
    passphrase: 'e2e-key-phrase',
    cipher: 'aes256-ctr',
    rounds: 4,
  });
  const keyLine = key.private.split('\n')[2] ?? '';
  await createDevice(page, 'key-01');

  // Not a key: refused beside the field, the dialog stays with what was typed.
  let dialog = await openNew(page);
  await dialog.getByRole('textbox', { name: 'Username' }).fill('root');
  await chooseDevice(dialog, 'key-01');
  const keyField = dialog.getByRole('textbox', { name: 'SSH private key' });
  await keyField.fill(key.public);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(keyField).toHaveAttribute('aria-invalid', 'true');
  await expect(keyField).toHaveAccessibleDescription(/^Not a private key/);
  await expect(dialog).toBeVisible();

  // An encrypted key from a file: its passphrase is asked for beside its own field.
  await keyField.fill('');
  await dialog.getByLabel('SSH private key file').setInputFiles({
    name: 'id_ed25519',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(key.private),
  });
  await expect(keyField).toHaveValue(key.private);
  // Shown as discs, like a password, and described without any of its text.
  await expect(keyField).toHaveCSS('-webkit-text-security', 'disc');
  await expect(keyField).toHaveAccessibleDescription(
    `A new key will be stored on Save (OpenSSH private key, ${key.private.length} characters; hidden as it is typed)`,
  );
  await dialog.getByRole('button', { name: 'Save' }).click();
  const passphrase = dialog.getByLabel('Key passphrase');
  await expect(passphrase).toHaveAccessibleDescription('The key is encrypted: enter its passphrase');
  await passphrase.fill('e2e-key-phrase');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  // Edit: the key is stored, never shown.
  await page.getByRole('button', { name: 'Actions for root @ key-01' }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  dialog = page.getByRole('dialog', { name: /Edit credential/ });
  const stored = dialog.getByRole('textbox', { name: 'SSH private key' });
  await expect(stored).toHaveValue('');
  await expect(stored).toHaveAccessibleDescription('A key is stored: leave empty to keep it.');
  expect(await page.content()).not.toContain(keyLine);
  // Clear says what Save will do.
  await dialog.getByRole('button', { name: 'Clear key' }).click();
  await expect(stored).toHaveAccessibleDescription('The stored key will be removed on Save');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Actions for root @ key-01' }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  await expect(
    page.getByRole('dialog', { name: /Edit credential/ }).getByRole('textbox', { name: 'SSH private key' }),
  ).toHaveAccessibleDescription(/^Optional: an OpenSSH or PEM private key/);
});
