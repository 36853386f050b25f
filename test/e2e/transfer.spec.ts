import type { Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../support/temp-dir';
import { expect, test } from './fixtures';
import { openScreen } from './support/navigation';
import { saveTemplateAndClose } from './support/template-editor';
import { startHost } from './support/host-process';
import { chooseDevice } from './support/pickers';
import { ed25519KeyPair } from '../support/ssh-key-pair';
import { importBundle } from './support/import-bundle';

const bundlePassphrase = 'e2e bundle passphrase';
const rootPassword = 'Transfer-root-pw-42';
/** A secret custom field's value: it travels sealed with the password (bundle format 3). */
const fieldSecret = 'Xfer-field-secret-5';
/** The credential's SSH key: it travels sealed with the password. */
const rootKey = ed25519KeyPair().private;
const keyLines = rootKey.split('\n').filter((line) => line !== '' && !line.startsWith('-----'));

/**
 * A second, fresh installation beside the fixture's: its own browser host on its own data
 * directory (unlocked with --passphrase-file), in its own browser context.
 */
async function freshApp(page: Page) {
  const temp = makeTempDir('jit-e2e-import-');
  const passphraseFile = join(temp.path, 'passphrase');
  writeFileSync(passphraseFile, 'second app master passphrase\n', { mode: 0o600 });
  const host = await startHost(join(temp.path, 'data'), passphraseFile);
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser to open the second app in');
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const second = await context.newPage();
  await second.goto(host.url);
  return {
    page: second,
    close: async () => {
      await context.close();
      await host.stop();
      temp.remove();
    },
  };
}

test('transfer: export with passwords, import into a fresh app, the records are back', async ({
  app,
}, testInfo) => {
  // Two app instances, and three records made through their forms: more than the usual budget.
  test.slow();
  const { page } = app;

  // A device, a template and a credential with a password.
  await openScreen(page, 'Devices', 'All devices');
  await page.getByRole('button', { name: '+ New device' }).click();
  const device = page.getByRole('dialog', { name: 'Device' });
  await device.getByRole('textbox', { name: 'Name' }).fill('xfer-web-01');
  await device.getByRole('textbox', { name: 'Address' }).fill('10.40.0.9');
  await device.getByRole('tab', { name: 'Connectivity' }).click();
  await device.getByRole('button', { name: 'Add protocol' }).click();
  await device.getByRole('button', { name: 'Save' }).click();
  await expect(device).toBeHidden();

  await openScreen(page, 'Executions', 'Templates');
  await page.getByRole('button', { name: '+ New template' }).click();
  const editor = page.getByRole('dialog', { name: 'Template editor' });
  await editor.getByRole('textbox', { name: 'Name' }).fill('Xfer: check account');
  await editor.getByRole('textbox', { name: 'Content' }).fill('expect "*$"\nexec "id [#USERNAME#]"\nend');
  await saveTemplateAndClose(page, editor, 'Xfer: check account');

  await openScreen(page, 'PAM Core', 'All');
  await page.getByRole('button', { name: 'View actions' }).click();
  await page.getByRole('menuitem', { name: '+ New' }).click();
  const credential = page.getByRole('dialog', { name: 'New credential' });
  await credential.getByRole('textbox', { name: 'Username' }).fill('root');
  await chooseDevice(credential, 'xfer-web-01');
  await credential.getByLabel('Password', { exact: true }).fill(rootPassword);
  await credential.getByRole('textbox', { name: 'SSH private key' }).fill(rootKey);
  const fields = credential.getByRole('region', { name: 'Custom fields' });
  await fields.getByRole('button', { name: 'Add custom field' }).click();
  const field = fields.getByRole('group', { name: 'Custom field 1' });
  await field.getByRole('textbox', { name: 'Name' }).fill('API_KEY');
  await field.getByRole('combobox', { name: 'Kind' }).selectOption('secret');
  await field.getByLabel('Value').fill(fieldSecret);
  await credential.getByRole('button', { name: 'Save' }).click();
  await expect(credential).toBeHidden();

  // Export bundle, with the passwords sealed by a bundle passphrase.
  await openScreen(page, 'Devices', 'All devices');
  await page.getByRole('button', { name: 'Export bundle' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export bundle' });
  await exportDialog.getByRole('checkbox', { name: 'Include passwords' }).check();
  await exportDialog.getByLabel('Bundle passphrase', { exact: true }).fill(bundlePassphrase);
  // Typed twice: a mismatch is said beside the second field, and nothing is exported.
  const repeat = exportDialog.getByLabel('Repeat the passphrase', { exact: true });
  await repeat.fill(`${bundlePassphrase}x`);
  await exportDialog.getByRole('button', { name: 'Export' }).click();
  await expect(repeat).toHaveAccessibleDescription('The passphrases do not match');
  await expect(repeat).toHaveAttribute('aria-invalid', 'true');
  await expect(exportDialog.getByRole('status')).toHaveCount(0);
  await repeat.fill(bundlePassphrase);
  const download = page.waitForEvent('download');
  await exportDialog.getByRole('button', { name: 'Export' }).click();
  const file = await download;
  const bundlePath = testInfo.outputPath(file.suggestedFilename());
  await file.saveAs(bundlePath);
  await expect(exportDialog.getByRole('status')).toContainText('Exported as');
  const text = readFileSync(bundlePath, 'utf8');
  // The password, the key and the secret field's value travel sealed only; the field is named.
  expect(text).not.toContain(rootPassword);
  for (const line of keyLines) expect(text).not.toContain(line);
  expect(text).not.toContain(fieldSecret);
  expect(JSON.parse(text)).toMatchObject({
    format: 'jit-pam-bundle',
    devices: [{ name: 'xfer-web-01' }],
    credentials: [{ customFields: [{ name: 'API_KEY', kind: 'secret', value: '' }] }],
  });

  const second = await freshApp(page);
  try {
    const other = second.page;
    await openScreen(other, 'Devices', 'All devices');
    await expect(other.getByRole('grid', { name: 'Devices' })).toContainText('No devices yet');

    // A wrong bundle passphrase is a problem (at `secrets`); the right one imports everything.
    await other.getByRole('button', { name: 'Import bundle' }).click();
    const importDialog = other.getByRole('dialog', { name: 'Import bundle' });
    await importDialog.getByLabel('Bundle file').setInputFiles(bundlePath);
    const passphrase = importDialog.getByLabel('Bundle passphrase', { exact: true });
    await passphrase.fill('not the bundle passphrase');
    await importDialog.getByRole('button', { name: 'Preview' }).click();
    await expect(importDialog.getByRole('list', { name: 'Problems' })).toContainText(
      'secrets: Wrong passphrase',
    );
    // The failed try keeps what was typed, to correct.
    await expect(passphrase).toHaveValue('not the bundle passphrase');
    await passphrase.fill(bundlePassphrase);
    await importDialog.getByRole('button', { name: 'Preview' }).click();
    await expect(importDialog.getByRole('region', { name: 'Preview' })).toContainText('1 device');
    await expect(importDialog.getByRole('region', { name: 'Preview' })).toContainText(
      'Secrets: 1 password, 1 SSH key and 1 secret custom field',
    );
    await importDialog.getByRole('button', { name: 'Import' }).click();
    await expect(importDialog.getByRole('status')).toHaveText(
      'Imported 1 device, 1 template and 1 credential. 1 password, 1 SSH key and 1 secret custom field stored in the vault.',
    );
    await importDialog.getByRole('button', { name: 'Close' }).click();

    // The records are back: the device, the template, and the credential with its password.
    await expect(
      other.getByRole('grid', { name: 'Devices' }).getByRole('row', { name: /xfer-web-01/ }),
    ).toContainText('10.40.0.9');
    await openScreen(other, 'Executions', 'Templates');
    // The built-in library fills more than the grid's viewport, which renders only visible rows.
    await other.getByRole('combobox', { name: 'Filter by execution type' }).selectOption('New user');
    await expect(
      other.getByRole('grid', { name: 'Templates' }).getByRole('row', { name: /Xfer: check account/ }),
    ).toContainText('New user');

    await openScreen(other, 'PAM Core', 'All');
    await other.getByRole('button', { name: 'Actions for root @ xfer-web-01' }).click();
    await other.getByRole('menuitem', { name: 'View password' }).click();
    const reveal = other.getByRole('dialog', { name: 'Password of root @ xfer-web-01' });
    await reveal.getByRole('button', { name: 'View password' }).click();
    await expect(reveal.getByRole('status', { name: 'Password' })).toHaveText(rootPassword);
  } finally {
    await second.close();
  }
});

test('transfer: a broken file lists every problem with its place, and nothing is imported', async ({
  app,
}, testInfo) => {
  const { page } = app;
  const brokenPath = testInfo.outputPath('broken-bundle.json');
  writeFileSync(
    brokenPath,
    JSON.stringify({
      format: 'jit-pam-bundle',
      version: 1,
      devices: [{ ref: 'd1', name: 'broken-device', address: 'not an address!', type: 'Server' }],
      templates: [
        {
          ref: 't1',
          name: 'Broken template',
          pluginId: 'ssh',
          executionType: 'New user',
          content: 'exec "id [#nope#]"',
        },
      ],
      credentials: [{ ref: 'c1', username: 'x', type: 'Local user', deviceRef: 'd404', status: 'Active' }],
    }),
  );
  await openScreen(page, 'Devices', 'All devices');
  const grid = page.getByRole('grid', { name: 'Devices' });
  await expect(grid).toContainText('No devices yet');
  await page.getByRole('button', { name: 'Import bundle' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import bundle' });
  await importDialog.getByLabel('Bundle file').setInputFiles(brokenPath);
  await importDialog.getByRole('button', { name: 'Preview' }).click();
  const problems = importDialog.getByRole('list', { name: 'Problems' });
  await expect(problems).toContainText('devices[0].address: Enter a host name or an IP address');
  await expect(problems).toContainText('templates[0].content');
  await expect(problems).toContainText('Malformed tag [#nope#]');
  await expect(problems).toContainText('credentials[0].deviceRef');
  // The valid parts are not imported either: all or nothing.
  await expect(importDialog).toContainText('nothing was imported');
  await importDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(grid).toContainText('No devices yet');
  await openScreen(page, 'Executions', 'Templates');
  await page.getByRole('combobox', { name: 'Filter by plugin' }).selectOption('SSH');
  await expect(
    page.getByRole('grid', { name: 'Templates' }).getByRole('row', { name: /Broken template/ }),
  ).toHaveCount(0);
});

test('transfer: a bundle whose device name is taken: Rename adds it beside, Skip keeps the existing one', async ({
  app,
}, testInfo) => {
  const { page } = app;
  const bundlePath = testInfo.outputPath('clash.json');
  const bundle = {
    devices: [{ ref: 'd1', name: 'clash-01', address: '10.41.0.1', type: 'Server' }],
    credentials: [],
  };
  await importBundle(page, bundlePath, bundle, 'Imported 1 device, 0 templates and 0 credentials.');
  const grid = page.getByRole('grid', { name: 'Devices' });
  await expect(grid.getByRole('row', { name: /clash-01/ })).toHaveCount(1);

  // Again: the preview names the clash and writes nothing until Import.
  await page.getByRole('button', { name: 'Import bundle' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import bundle' });
  await dialog.getByLabel('Bundle file').setInputFiles(bundlePath);
  await dialog.getByRole('button', { name: 'Preview' }).click();
  const clash = dialog.getByRole('listitem', { name: 'Device "clash-01"' });
  await expect(clash).toContainText('Device "clash-01" already exists');
  // Import without a choice is refused beside the clash, before anything is sent.
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(clash).toContainText('Choose Skip or Rename');
  await clash.getByRole('radio', { name: 'Rename' }).check();
  const newName = clash.getByLabel('New name for Device "clash-01"');
  await expect(newName).toHaveValue('clash-01 (2)');
  // Checked as typed, by the Device form's rules: a taken name, then an empty one.
  await newName.fill('CLASH-01');
  await expect(clash).toContainText('A device named "CLASH-01" already exists');
  await newName.fill('');
  await expect(clash).toContainText('Device name: Required');
  await newName.fill('clash-01 renamed');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Imported 1 device, 0 templates and 0 credentials.');
  await expect(dialog.getByRole('list', { name: 'Renamed' })).toHaveText(
    'Device "clash-01" → "clash-01 renamed"',
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(grid.getByRole('row', { name: /clash-01 renamed/ })).toContainText('10.41.0.1');
  await expect(grid.getByRole('row', { name: /clash-01/ })).toHaveCount(2);

  // Once more, with Skip: nothing is added and the result says so.
  await page.getByRole('button', { name: 'Import bundle' }).click();
  await dialog.getByLabel('Bundle file').setInputFiles(bundlePath);
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await dialog.getByRole('button', { name: 'Skip all' }).click();
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Imported 0 devices, 0 templates and 0 credentials.');
  await expect(dialog.getByRole('list', { name: 'Skipped' })).toContainText(
    'Device "clash-01": kept the existing one',
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(grid.getByRole('row', { name: /clash-01/ })).toHaveCount(2);
});

test('transfer: a secret custom field imported without its value: the form warns until one is typed', async ({
  app,
}, testInfo) => {
  const { page } = app;
  await importBundle(
    page,
    testInfo.outputPath('without-secrets.json'),
    {
      // As an export without passwords writes it: the field named, its value in no secrets.
      version: 3,
      secrets: null,
      devices: [
        {
          ref: 'd1',
          name: 'nokey-01',
          address: '10.43.0.1',
          type: 'Server',
          customFields: [{ name: 'API_KEY', kind: 'secret', value: '' }],
        },
      ],
      credentials: [],
    },
    'Imported 1 device, 0 templates and 0 credentials.',
  );
  const grid = page.getByRole('grid', { name: 'Devices' });
  const dialog = page.getByRole('dialog', { name: 'Device' });
  const value = dialog
    .getByRole('region', { name: 'Custom fields' })
    .getByRole('group', { name: 'Custom field 1' })
    .getByLabel('Value');
  const edit = async () => {
    await grid.getByRole('button', { name: 'Actions for nokey-01' }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    await expect(value).toHaveValue('');
  };
  const save = async () => {
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
  };

  // The vault holds no value: the form says so rather than "Secret stored", as a warning only.
  await edit();
  const missing = 'No value stored: type one (a run using [#API_KEY#] is refused until then)';
  await expect(value).toHaveAccessibleDescription(missing);
  await expect(value).not.toHaveAttribute('aria-invalid', 'true');
  // Saved empty, as the import allowed: still none.
  await save();
  await edit();
  await expect(value).toHaveAccessibleDescription(missing);

  // Typed: stored, and kept when left empty.
  await value.fill('E2e-Typed-Key-3');
  await save();
  await edit();
  await expect(value).toHaveAccessibleDescription('Secret stored: leave empty to keep it');
  await expect(page.locator('body')).not.toContainText('E2e-Typed-Key-3');
});
