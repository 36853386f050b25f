import type { Page } from '@playwright/test';

/**
 * Opens a second tab of the same browser-host session, as a user would by opening the app's
 * address again. Only the browser host has an address; Electron has one window.
 */
export async function openSecondTab(page: Page): Promise<Page> {
  const address = await page.evaluate(
    () => `${location.origin}${location.pathname}#token=${sessionStorage.getItem('jit-pam.token') ?? ''}`,
  );
  const other = await page.context().newPage();
  await other.goto(address);
  return other;
}
