import type { Locator } from '@playwright/test';
import { expect } from '../fixtures';

/**
 * Picks an option in a picker the core searches as one types (an Autocomplete: devices, the
 * Authentication credential), as a person does: types `typed`, then clicks `option`, which opens
 * outside `scope`. While the search runs the list still shows the previous answer (`aria-busy`),
 * whose options move when the new one comes: the click waits for it, and is made again should the
 * list stay open (it fell between two renders).
 */
export async function chooseSearched(
  scope: Locator,
  label: string,
  typed: string,
  option = typed,
): Promise<void> {
  const input = scope.getByRole('combobox', { name: label, exact: true });
  const list = scope.page().getByRole('listbox', { name: label });
  const choice = list.getByRole('option', { name: option, exact: true });
  await input.fill(typed);
  await expect(choice).toBeVisible();
  await expect(async () => {
    if (await list.isVisible()) {
      await expect(list).not.toHaveAttribute('aria-busy', 'true', { timeout: 2_000 });
      await choice.click({ timeout: 2_000 });
    }
    await expect(list).toBeHidden({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  // The list also goes when a new answer lacks the option; typed text left unchosen is cleared on
  // blur, a chosen option stays.
  await input.blur();
  await expect(input).toHaveValue(option);
}

/** Picks a device by its name in a Device picker (`label`: Run as's is "Device" too). */
export const chooseDevice = (scope: Locator, name: string, label = 'Device'): Promise<void> =>
  chooseSearched(scope, label, name);

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
