import type { Locator } from '@playwright/test';
import { expect } from '../fixtures';

/**
 * Picks a device in a searched Device picker (an Autocomplete: the core searches as one types),
 * as a person does: types the name, then clicks the option. The options open outside `scope`.
 */
export async function chooseDevice(scope: Locator, name: string, label = 'Device'): Promise<void> {
  const input = scope.getByRole('combobox', { name: label, exact: true });
  await input.fill(name);
  await scope.page().getByRole('option', { name, exact: true }).click();
  await expect(input).toHaveValue(name);
}

/**
 * Picks an option in a picker one types into to filter (FilteredPicker: JIT plugins and templates),
 * as a person does: types the option's text, then clicks it.
 */
export async function pick(scope: Locator, label: string, option: string): Promise<void> {
  const input = scope.getByRole('combobox', { name: label, exact: true });
  // Chosen already (the enable plugin fills the disable one; a single match is selected): typing
  // the same text again changes nothing, so no list would open.
  if ((await input.inputValue()) === option) return;
  await input.fill(option);
  await scope.page().getByRole('option', { name: option, exact: true }).click();
  await expect(input).toHaveValue(option);
}

/**
 * Opens a picker whose options are listed under headings (Run as: "This device", "Other devices"),
 * reads what it offers under each, and closes it again with Escape (which leaves the dialog open).
 */
export async function offered(scope: Locator, label: string): Promise<Record<string, string[]>> {
  const input = scope.getByRole('combobox', { name: label, exact: true });
  await input.click();
  const listbox = scope.page().getByRole('listbox');
  await expect(listbox).toBeVisible();
  const lists: Record<string, string[]> = {};
  // One item per heading: the heading's text, then the list of its options.
  for (const group of await listbox.locator(':scope > li').all()) {
    const heading = (await group.locator(':scope > div').first().textContent()) ?? '';
    lists[heading] = await group.getByRole('option').allTextContents();
  }
  await input.press('Escape');
  await expect(listbox).toBeHidden();
  return lists;
}
