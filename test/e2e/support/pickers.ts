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
