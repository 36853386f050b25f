import { expect, test } from './fixtures';

test('Grid Menu > PAM Core > Credentials > All', async ({ app }, testInfo) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Grid Menu' }).click();
  const modules = page.getByRole('navigation', { name: 'Modules' });
  for (const name of ['PAM Core', 'Executions', 'Devices', 'Reports', 'Settings']) {
    await expect(modules.getByRole('link', { name })).toBeVisible();
  }
  await modules.getByRole('link', { name: 'PAM Core' }).click();
  await expect(modules).toBeHidden();

  const menu = page.getByRole('navigation', { name: 'PAM Core menu' });
  await expect(menu.getByRole('button', { name: 'Credentials' })).toHaveAttribute('aria-expanded', 'true');
  await menu.getByRole('link', { name: 'All' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Credentials — All' })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'All' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('current-module')).toHaveText('PAM Core');
  // The launch token left the address bar as soon as the page read it.
  expect(page.url()).not.toContain('token=');

  await page.screenshot({ path: testInfo.outputPath('pam-core-credentials-all.png'), fullPage: true });
  await testInfo.attach('PAM Core > Credentials > All', {
    path: testInfo.outputPath('pam-core-credentials-all.png'),
    contentType: 'image/png',
  });
});

test('each module opens its own side menu', async ({ app }) => {
  const { page } = app;
  const expected: Record<string, string[]> = {
    Executions: ['Templates', 'Operations', 'Plugins'],
    Devices: ['All devices'],
    Reports: ['Audit'],
    Settings: ['General'],
  };
  for (const [module, links] of Object.entries(expected)) {
    await page.getByRole('button', { name: 'Grid Menu' }).click();
    await page.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: module }).click();
    const menu = page.getByRole('navigation', { name: `${module} menu` });
    for (const name of links) await expect(menu.getByRole('link', { name })).toBeVisible();
  }
});

test('the side menu collapses and expands', async ({ app }) => {
  const { page } = app;
  const menu = page.getByRole('navigation', { name: 'PAM Core menu' });
  await expect(menu).toBeVisible();
  await page.getByRole('button', { name: 'Collapse side menu' }).click();
  await expect(menu).toBeHidden();
  await page.getByRole('button', { name: 'Expand side menu' }).click();
  await expect(menu.getByRole('link', { name: 'Just In Time' })).toBeVisible();
});

test('a second tab without the token says what to open, and takes the token when it is pasted', async ({
  app,
  shell,
}) => {
  // In Electron the window reaches the core through its preload bridge: there is no address and no
  // token, so there is no second tab to open.
  test.skip(shell !== 'browser', 'Only the browser host is opened by address');
  const { page } = app;
  await expect(page.getByRole('button', { name: 'Grid Menu' })).toBeVisible();
  const token = await page.evaluate(() => sessionStorage.getItem('jit-pam.token'));
  expect(token).toBeTruthy();
  const origin = new URL(page.url()).origin;

  // The bare address in a new tab: no token, so not "disconnected" (the core runs) and no retry.
  const tab = await page.context().newPage();
  await tab.goto(`${origin}/`);
  const notices = tab.getByRole('region', { name: 'Notices' });
  await expect(notices.getByRole('alert')).toHaveText(
    "This tab was opened without the address's token. Open the address printed by npm start (it ends with #token=…), or use the tab that has it.",
  );
  await expect(notices.getByRole('alert')).toHaveCount(1);
  await expect(tab.getByText(/Disconnected from the core/)).toHaveCount(0);
  await expect(tab.getByRole('button', { name: 'Try again' })).toHaveCount(0);

  // The full address pasted into the same tab: only the hash changes, and the tab connects.
  await tab.evaluate((t) => (window.location.hash = `#token=${encodeURIComponent(t)}`), token ?? '');
  await expect(tab.getByRole('button', { name: 'Grid Menu' })).toBeVisible();
  await expect(notices.getByRole('alert')).toHaveCount(0);
  expect(tab.url()).not.toContain('token=');
  // The first tab is unharmed.
  await page.getByRole('button', { name: 'Grid Menu' }).click();
  await expect(page.getByRole('navigation', { name: 'Modules' })).toBeVisible();
});
