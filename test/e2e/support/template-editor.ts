import { expect, type Locator, type Page } from '@playwright/test';
import { openScreen } from './navigation';

/**
 * Saves what the Template editor holds and waits until the save is through (the toast says so and
 * Save is offered again): the editor stays open after a save.
 */
export async function saveTemplate(page: Page, editor: Locator, name: string): Promise<void> {
  const save = editor.getByRole('button', { name: 'Save' });
  await save.click();
  // Found by its role: the toast must reach a screen reader while the editor (a modal) is open.
  await expect(page.getByRole('status').filter({ hasText: `Saved: ${name}` })).toBeVisible();
  await expect(save).toBeEnabled();
}

/** Saves, then closes the editor (nothing left unsaved, so Cancel closes at once). */
export async function saveTemplateAndClose(page: Page, editor: Locator, name: string): Promise<void> {
  await saveTemplate(page, editor, name);
  await editor.getByRole('button', { name: 'Cancel' }).click();
  await expect(editor).toBeHidden();
}

/**
 * Opens a template read-only from Executions > Templates (filtered by its plugin, as a person finds
 * a built-in), then its Test on a device dialog; returns the dialog.
 */
export async function openTestOnDevice(page: Page, plugin: string, template: string): Promise<Locator> {
  await openScreen(page, 'Executions', 'Templates');
  await page.getByRole('combobox', { name: 'Filter by plugin' }).selectOption(plugin);
  await page.getByRole('button', { name: `Actions for ${template}` }).click();
  await page.getByRole('menuitem', { name: 'View' }).click();
  await page
    .getByRole('dialog', { name: 'Template editor' })
    .getByRole('button', { name: 'Test on a device' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Test on a device' });
  await expect(dialog).toBeVisible();
  return dialog;
}
