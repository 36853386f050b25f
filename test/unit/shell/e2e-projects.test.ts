/**
 * The end-to-end specs are ready for a real Electron binary: its Playwright project selects exactly
 * the specs the Chromium project runs (one list, two projects), with nothing filtered out.
 */
import { expect, it } from 'vitest';
import config from '../../../playwright.config';

it('the electron project runs the same spec list as the chromium project', () => {
  const project = (name: string) => config.projects?.find((p) => p.name === name);
  const chromium = project('chromium');
  const electron = project('electron');
  const selection = (p: typeof chromium) => ({
    testDir: p?.testDir ?? config.testDir,
    testMatch: p?.testMatch ?? config.testMatch,
    testIgnore: p?.testIgnore ?? config.testIgnore,
    grep: p?.grep ?? config.grep,
    grepInvert: p?.grepInvert ?? config.grepInvert,
  });
  expect(electron).toBeDefined();
  expect(selection(electron)).toEqual(selection(chromium));
  expect(selection(electron).testMatch).toBe('**/*.spec.ts');
  expect(electron?.use?.shell).toBe('electron');
});
