/**
 * The Electron shell's main process: the composition root wired to Electron IPC and one window.
 * Command line: `--data-dir DIR` (default ~/.config/jit-pam, as the browser host) and
 * `--passphrase-file FILE` (set up or unlock the vault, for automation).
 */
import { app, dialog, type BrowserWindow } from 'electron';
import { join, resolve } from 'node:path';
import { createCore, type Core } from '../core/compose';
import { defaultDataDir } from '../platform/data-dir';
import { lockDataDir, type DataDirLock } from '../platform/data-dir-lock';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { electronStoreBackendFactory } from './electron-store-backend';
import { hardenApp } from './hardening';
import { registerIpc } from './ipc';
import { osKeyProtector } from './safe-storage-keys';
import { askBeforeLeaving } from './leave-question';
import { createMainWindow } from './window';

function pathArg(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  const value = i >= 0 ? argv[i + 1] : undefined;
  return value === undefined ? undefined : resolve(value);
}

/**
 * Starts the shell: `argv` is the process's command line, `here` the folder of the bundled main
 * (dist/electron: the preload beside it, the renderer in ../renderer). Resolves to the running core
 * once the window is open, or undefined when this instance quit (another one runs) or failed.
 */
export function startShell(argv: readonly string[], here: string): Promise<Core | undefined> {
  const dataDir = pathArg(argv, '--data-dir') ?? defaultDataDir();
  const passphraseFile = pathArg(argv, '--passphrase-file');
  app.setPath('userData', dataDir);
  registerAppScheme();

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve(undefined);
  }
  let window: BrowserWindow | undefined;
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  return app.whenReady().then(async () => {
    hardenApp();
    const osKeys = osKeyProtector();
    // One process per data dir, the browser host included (Electron's own lock covers only Electron).
    let lock: DataDirLock | undefined;
    let core: Core;
    try {
      lock = lockDataDir(dataDir);
      core = createCore({
        dataDir,
        shell: 'electron',
        createBackend: electronStoreBackendFactory,
        ...(osKeys ? { osKeys } : {}),
      });
    } catch (error) {
      // Another process holds the data dir, or a store file could not be read (left untouched).
      lock?.release();
      dialog.showErrorBox('JIT PAM cannot start', error instanceof Error ? error.message : String(error));
      app.exit(1);
      return undefined;
    }
    const held = lock;
    app.on('will-quit', () => held.release());
    process.on('exit', () => held.release());
    serveRenderer(join(here, '..', 'renderer'));
    if (passphraseFile) await core.unlockWithPassphraseFile(passphraseFile);
    registerIpc(core, () => window);
    window = createMainWindow(join(here, 'preload.cjs'));
    window.on('closed', () => (window = undefined));
    const quit = quitAfterShutdown(core);
    askBeforeLeaving(window, quit.began);
    app.on('window-all-closed', () => app.quit());
    return core;
  });
}

/**
 * Quitting ends every live session first (the lifecycle waits a bounded time for their cleanup;
 * what is left is swept at the next start), then flushes the stores: the first quit is held back
 * until core.shutdown() is done, then quits again for real. `began`: whether a quit is under way.
 */
function quitAfterShutdown(core: Core): { began: () => boolean } {
  let state: 'running' | 'shutting-down' | 'done' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'shutting-down') return;
    state = 'shutting-down';
    void core
      .shutdown()
      .catch((error: unknown) => {
        // Never keep the app from quitting: the stores are flushed anyway, the sweep finishes the rest.
        console.error('ending sessions on quit failed:', error instanceof Error ? error.message : error);
        core.close();
      })
      .finally(() => {
        state = 'done';
        app.quit();
      });
  });
  return { began: () => state !== 'running' };
}
