import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect } from '../fixtures';
import { openScreen } from './navigation';

/**
 * Seeds through Devices > Import bundle, as a person would: writes `bundle` to `bundlePath`, imports
 * it, and waits for the dialog's summary to say `summary` before closing it.
 */
export async function importBundle(page: Page, bundlePath: string, bundle: object, summary: string) {
  writeFileSync(bundlePath, JSON.stringify({ format: 'jit-pam-bundle', version: 1, ...bundle }));
  await openScreen(page, 'Devices', 'All devices');
  await page.getByRole('button', { name: 'Import bundle' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import bundle' });
  await dialog.getByLabel('Bundle file').setInputFiles(bundlePath);
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('status')).toContainText(summary);
  await dialog.getByRole('button', { name: 'Close' }).click();
}
