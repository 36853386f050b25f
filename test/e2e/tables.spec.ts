import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { importBundle } from './support/import-bundle';
import { openScreen } from './support/navigation';
import { chooseDevice } from './support/pickers';
import { openTestOnDevice } from './support/template-editor';

const narrow = { width: 1024, height: 700 };
const wide = { width: 1400, height: 900 };

/** The grid is wider than its view: without the pinned column, Action would be off to the right. */
async function expectScrollsSideways(grid: Locator) {
  const scroller = grid.locator('.MuiDataGrid-virtualScroller');
  await expect
    .poll(() => scroller.evaluate((el) => el.scrollWidth - el.clientWidth), {
      message: 'the grid scrolls sideways',
    })
    .toBeGreaterThan(50);
}

/** Wholly in view, the grid's own sideways scroll included (IntersectionObserver clips by it). */
const expectWhollyInView = (target: Locator) => expect(target).toBeInViewport({ ratio: 1 });

/** A module's side menu link on a narrow window: unfold the menu, follow the link, fold it again. */
async function openFolded(page: Page, module: string, link: string) {
  await page.getByRole('button', { name: 'Grid Menu' }).click();
  await page.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: module }).click();
  await page.getByRole('button', { name: 'Expand side menu' }).click();
  await page
    .getByRole('navigation', { name: `${module} menu` })
    .getByRole('link', { name: link })
    .click();
  await page.getByRole('button', { name: 'Collapse side menu' }).click();
}

test('at 1024x700 lists keep their Action column in view, the side menu folds, an audit row opens its detail', async ({
  app,
}, testInfo) => {
  const { page } = app;
  await importBundle(
    page,
    testInfo.outputPath('tables.json'),
    {
      devices: [
        {
          ref: 'd',
          name: 'tbl-web-01',
          address: '10.71.0.1',
          type: 'Server',
          vendor: 'A vendor with a long name',
          product: 'A product with a long name',
          site: 'Datacenter 1',
          tags: ['linux', 'web', 'production'],
        },
      ],
      credentials: [
        {
          ref: 'c',
          username: 'tbl-root',
          type: 'Local user',
          deviceRef: 'd',
          additionalInfo: 'x'.repeat(40),
        },
      ],
    },
    'Imported 1 device, 0 templates and 1 credential.',
  );

  // Wide: the menu is open. Narrow: it folds by itself.
  const devicesMenu = page.getByRole('navigation', { name: 'Devices menu' });
  await expect(devicesMenu).toBeVisible();
  await page.setViewportSize(narrow);
  await expect(devicesMenu).toBeHidden();
  await expect(page.getByRole('button', { name: 'Expand side menu' })).toBeVisible();

  // Devices: the row's actions are in view although the grid scrolls sideways, and the menu works.
  const devices = page.getByRole('grid', { name: 'Devices' });
  await expectScrollsSideways(devices);
  const deviceActions = devices.getByRole('button', { name: 'Actions for tbl-web-01' });
  await expectWhollyInView(deviceActions);
  await deviceActions.click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  const deviceDialog = page.getByRole('dialog', { name: 'Device' });
  await expect(deviceDialog.getByRole('textbox', { name: 'Name' })).toHaveValue('tbl-web-01');
  // A change for the audit detail below.
  await deviceDialog.getByRole('textbox', { name: 'Site' }).fill('Datacenter 2');
  await deviceDialog.getByRole('button', { name: 'Save' }).click();
  await expect(deviceDialog).toBeHidden();

  // Credentials > All: the same.
  await openFolded(page, 'PAM Core', 'All');
  const credentials = page.getByRole('grid', { name: 'Credentials' });
  await expectScrollsSideways(credentials);
  const credentialActions = credentials.getByRole('button', { name: 'Actions for tbl-root @ tbl-web-01' });
  await expectWhollyInView(credentialActions);
  await credentialActions.click();
  await page.getByRole('menuitem', { name: 'History' }).click();
  const history = page.getByRole('dialog', { name: 'History of tbl-root @ tbl-web-01' });
  await expect(history).toBeVisible();
  await history.getByRole('button', { name: 'Close' }).click();

  // Audit: a row opens its detail, every field by its form label, no key or code anywhere.
  await openFolded(page, 'Reports', 'Audit');
  const audit = page.getByRole('grid', { name: 'Audit' });
  const updated = audit.getByRole('row').filter({ hasText: 'tbl-web-01' }).first();
  await expectWhollyInView(updated.getByRole('button', { name: /^Details of entry/ }));
  await updated.click();
  const detail = page.getByRole('dialog', { name: 'Audit entry' });
  const field = (label: string) => detail.locator('dt', { hasText: label }).locator('+ dd');
  await expect(field('Action')).toHaveText('update');
  await expect(field('Entity')).toHaveText(/^Device \d+$/);
  await expect(field('Subject')).toHaveText('tbl-web-01');
  await expect(field('Changed fields')).toHaveText('Site');
  await expect(field('Who')).not.toBeEmpty();
  await detail.getByRole('button', { name: 'Close' }).click();
  await expect(detail).toBeHidden();

  // Operations: Attempts (not pinned) and Details are in view without scrolling sideways.
  await openFolded(page, 'Executions', 'Operations');
  const operations = page.getByRole('grid', { name: 'Operations' });
  await expectWhollyInView(operations.getByRole('columnheader', { name: 'Attempts' }));
  await expectWhollyInView(operations.getByRole('columnheader', { name: 'Action' }));

  // Back to a wide window: the menu the user had open is back.
  await page.setViewportSize(wide);
  await expect(page.getByRole('navigation', { name: 'Executions menu' })).toBeVisible();
});

test('the device pickers (credential form, Test on a device) find one device among 1,000 by part of its name', async ({
  app,
}, testInfo) => {
  const { page } = app;
  const count = 1000;
  const devices = Array.from({ length: count }, (_, i) => ({
    ref: `d${i}`,
    name: `fleet-${String(i).padStart(4, '0')}`,
    address: `10.80.${i >> 8}.${i & 255}`,
    type: 'Server',
  }));
  await importBundle(
    page,
    testInfo.outputPath('fleet.json'),
    { devices },
    `Imported ${count} devices, 0 templates and 0 credentials.`,
  );

  await openScreen(page, 'PAM Core', 'All');
  await page.getByRole('button', { name: 'View actions' }).click();
  await page.getByRole('menuitem', { name: '+ New' }).click();
  const dialog = page.getByRole('dialog', { name: 'New credential' });
  const picker = dialog.getByRole('combobox', { name: 'Device', exact: true });
  // The picker's own options (the form's native selects hold options too).
  const options = page.getByRole('listbox', { name: 'Device' }).getByRole('option');
  // Unsearched: one page of 50, and the count of the rest.
  await picker.click();
  await expect(options).toHaveCount(50);
  await expect(dialog.getByText('950 more: type to narrow')).toBeVisible();
  // Part of a name: only what matches, found on the core.
  await picker.fill('et-074');
  await expect(options).toHaveText([
    'fleet-0740',
    'fleet-0741',
    'fleet-0742',
    'fleet-0743',
    'fleet-0744',
    'fleet-0745',
    'fleet-0746',
    'fleet-0747',
    'fleet-0748',
    'fleet-0749',
  ]);
  await picker.fill('');
  await chooseDevice(dialog, 'fleet-0742');
  await dialog.getByRole('textbox', { name: 'Username' }).fill('fleet-admin');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Actions for fleet-admin @ fleet-0742' })).toBeVisible();

  // Test on a device's Device picker narrows the 1,000 devices as one types, too.
  const test = await openTestOnDevice(page, 'SSH', 'Linux: create JIT account');
  const device = test.getByRole('combobox', { name: 'Device', exact: true });
  const deviceOptions = page.getByRole('listbox', { name: 'Device' }).getByRole('option');
  await device.click();
  await expect(deviceOptions).toHaveCount(100);
  await expect(test.getByText('900 more: type to narrow')).toBeVisible();
  await device.fill('et-0742');
  await expect(deviceOptions).toHaveText(['fleet-0742 (10.80.2.230)']);
  await deviceOptions.click();
  await expect(device).toHaveValue('fleet-0742 (10.80.2.230)');
  // Its one credential has no password: nothing to run as, and the field says why.
  await expect(test.getByRole('combobox', { name: 'Run as' })).toHaveAccessibleDescription(
    'No active credential with a password: add one under PAM Core > Credentials',
  );
});
