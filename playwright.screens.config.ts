import { defineConfig } from '@playwright/test';
import type { AppOptions } from './test/e2e/fixtures';

// `npm run screens`: the pictures of docs/screens/ for the README and the user guide, taken from
// the real app on the browser host (Debian's Chromium, as the end-to-end tests run it). Not a test
// suite: npm test does not run it.
export default defineConfig<AppOptions>({
  testDir: 'test/screens',
  testMatch: '**/*.screens.ts',
  outputDir: 'test-results/screens',
  timeout: 180_000,
  expect: { timeout: 15_000 },
  workers: 1,
  forbidOnly: true,
  use: {
    shell: 'browser',
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    },
  },
});
