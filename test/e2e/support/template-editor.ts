import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Saves what the Template editor holds and waits until the save is through (the toast says so and
 * Save is offered again): the editor stays open after a save.
 */
export async function saveTemplate(page: Page, editor: Locator, name: string): Promise<void> {
  const save = editor.getByRole('button', { name: 'Save' });
  await save.click();
  // The toast sits outside the dialog, which hides the rest of the page from the accessibility tree.
  await expect(page.getByText(`Saved: ${name}`, { exact: true })).toBeVisible();
  await expect(save).toBeEnabled();
}

/** Saves, then closes the editor (nothing left unsaved, so Cancel closes at once). */
export async function saveTemplateAndClose(page: Page, editor: Locator, name: string): Promise<void> {
  await saveTemplate(page, editor, name);
  await editor.getByRole('button', { name: 'Cancel' }).click();
  await expect(editor).toBeHidden();
}
