import type { Page } from '@playwright/test';
import { expect } from '../fixtures';

/**
 * Grid Menu > module, then (when given) the link of the module's side menu, as a user clicks. It
 * returns once the link is the current page: screens load lazily and the router keeps the previous
 * one on view meanwhile, so a click made sooner can land on the screen being left (a row button of
 * the same name on the module's start screen).
 */
export async function openScreen(page: Page, module: string, link?: string): Promise<void> {
  await page.getByRole('button', { name: 'Grid Menu' }).click();
  await page.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: module }).click();
  if (link !== undefined) {
    const entry = page.getByRole('navigation', { name: `${module} menu` }).getByRole('link', { name: link });
    await entry.click();
    await expect(entry).toHaveAttribute('aria-current', 'page');
  }
}
