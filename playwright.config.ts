import { defineConfig } from '@playwright/test';
import type { AppOptions } from './test/e2e/fixtures';

// Debian's Chromium, never a downloaded browser. These flags keep it from reaching for the network
// (closed here) and let it run as root, as CI does.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// One list of specs for both projects: the Electron project runs every spec the Chromium one does
// (each spec that only makes sense in a browser skips itself there, with its reason).
const specs = { testDir: 'test/e2e', testMatch: '**/*.spec.ts' };

export default defineConfig<AppOptions>({
  testDir: specs.testDir,
  outputDir: 'test-results/e2e',
  // A test drives many screens; on the two-CPU build machines the slowest take about 40 s alone.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: 2,
  forbidOnly: true,
  retries: 0,
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      ...specs,
      use: {
        shell: 'browser',
        browserName: 'chromium',
        launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
      },
    },
    {
      // The same specs in the real Electron shell. The fixture asks for a browser in both projects,
      // so this one gets Debian's Chromium too, although its tests drive Electron's window.
      name: 'electron',
      ...specs,
      use: { shell: 'electron', launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs } },
    },
  ],
});
