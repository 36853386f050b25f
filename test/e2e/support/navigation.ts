import type { Page } from '@playwright/test';

/** Grid Menu > module, then (when given) the link of the module's side menu, as a user clicks. */
export async function openScreen(page: Page, module: string, link?: string): Promise<void> {
  await page.getByRole('button', { name: 'Grid Menu' }).click();
  await page.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: module }).click();
  if (link !== undefined) {
    await page
      .getByRole('navigation', { name: `${module} menu` })
      .getByRole('link', { name: link })
      .click();
  }
}
