/**
 * One fixture, two shells: `app.page` is the application's window, either Debian's Chromium on the
 * real browser host (project "chromium") or the real Electron shell (project "electron", skipped
 * with its reason where Electron's binary is missing). Each test gets its own data directory.
 */
import { _electron, test as base, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../support/temp-dir';
import { seedVault } from './support/seed-vault';
import { findElectron } from './support/electron-binary';
import { startHost, type HostProcess } from './support/host-process';

export type ShellUnderTest = 'browser' | 'electron';

export interface AppUnderTest {
  readonly page: Page;
  readonly dataDir: string;
  /**
   * Quits the app and starts it again on the same data directory; returns the new window.
   * `whileStopped` runs between the two, when no process holds the data directory: a file written
   * while the app runs may be overwritten by the app's own writes before it quits.
   */
  restart(whileStopped?: () => void): Promise<Page>;
}

export interface AppOptions {
  shell: ShellUnderTest;
  /**
   * The vault's master passphrase, handed to the app with --passphrase-file so that tests start
   * unlocked; null starts the app without it (the Set passphrase / Unlock screens show).
   */
  vaultPassphrase: string | null;
}

export const test = base.extend<AppOptions & { app: AppUnderTest }>({
  shell: ['browser', { option: true }],
  vaultPassphrase: ['e2e master passphrase', { option: true }],

  app: async ({ shell, browser, vaultPassphrase }, use, testInfo) => {
    const electron = shell === 'electron' ? findElectron() : undefined;
    if (electron && 'reason' in electron) {
      console.log(`[electron] skipped: ${electron.reason}`);
      testInfo.skip(true, electron.reason);
      return;
    }
    const temp = makeTempDir('jit-e2e-');
    const dataDir = join(temp.path, 'data');
    let passphraseFile: string | undefined;
    if (vaultPassphrase !== null) {
      passphraseFile = join(temp.path, 'passphrase');
      writeFileSync(passphraseFile, `${vaultPassphrase}\n`, { mode: 0o600 });
      // The vault as a first start would set it up, at a lower recorded scrypt cost (seed-vault.ts).
      await seedVault(dataDir, vaultPassphrase);
    }
    let stopCurrent: () => Promise<void> = () => Promise.resolve();
    let page: Page;

    if (electron) {
      const launch = async () => {
        const args = [join(process.cwd(), 'dist', 'electron', 'main.js'), '--data-dir', dataDir];
        if (passphraseFile) args.push('--passphrase-file', passphraseFile);
        if (process.getuid?.() === 0) args.unshift('--no-sandbox');
        const electronApp = await _electron.launch({ executablePath: electron.binary, args });
        stopCurrent = () => electronApp.close();
        return electronApp.firstWindow();
      };
      page = await launch();
      await use({
        get page() {
          return page;
        },
        dataDir,
        restart: async (whileStopped) => {
          await stopCurrent();
          whileStopped?.();
          page = await launch();
          return page;
        },
      });
    } else {
      // Reduced motion: the app then skips its transitions (theme.ts), so no step waits for one.
      const context = await browser.newContext({
        viewport: { width: 1400, height: 900 },
        reducedMotion: 'reduce',
      });
      let host: HostProcess;
      const launch = async () => {
        host = await startHost(dataDir, passphraseFile);
        stopCurrent = () => host.stop();
        const p = await context.newPage();
        await p.goto(host.url);
        return p;
      };
      page = await launch();
      await use({
        get page() {
          return page;
        },
        dataDir,
        restart: async (whileStopped) => {
          await page.close();
          await stopCurrent();
          whileStopped?.();
          page = await launch();
          return page;
        },
      });
      await context.close();
    }
    await stopCurrent();
    temp.remove();
  },
});

export { expect } from '@playwright/test';
