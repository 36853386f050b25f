/**
 * The Electron shell's main process: the composition root wired to Electron IPC and one window.
 * Command line: `--data-dir DIR` (default ~/.config/jit-pam, as the browser host) and
 * `--passphrase-file FILE` (set up or unlock the vault, for automation).
 */
import { app, dialog, type BrowserWindow } from 'electron';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/compose';
import { defaultDataDir } from '../platform/data-dir';
import { lockDataDir } from '../platform/data-dir-lock';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { electronStoreBackendFactory } from './electron-store-backend';
import { hardenApp } from './hardening';
import { registerIpc } from './ipc';
import { osKeyProtector } from './safe-storage-keys';
import { createMainWindow } from './window';

const here = dirname(fileURLToPath(import.meta.url));

function pathArg(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  const value = i >= 0 ? argv[i + 1] : undefined;
  return value === undefined ? undefined : resolve(value);
}

const dataDir = pathArg(process.argv, '--data-dir') ?? defaultDataDir();
const passphraseFile = pathArg(process.argv, '--passphrase-file');
app.setPath('userData', dataDir);
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | undefined;
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  void app.whenReady().then(async () => {
    hardenApp();
    // One process per data dir, the browser host included (Electron's own lock covers only Electron).
    let lock;
    try {
      lock = lockDataDir(dataDir);
    } catch (error) {
      dialog.showErrorBox('JIT PAM cannot start', error instanceof Error ? error.message : String(error));
      app.exit(1);
      return;
    }
    process.on('exit', () => lock.release());
    serveRenderer(join(here, '..', 'renderer'));
    const osKeys = osKeyProtector();
    const core = createCore({
      dataDir,
      shell: 'electron',
      createBackend: electronStoreBackendFactory,
      ...(osKeys ? { osKeys } : {}),
    });
    if (passphraseFile) await core.unlockWithPassphraseFile(passphraseFile);
    registerIpc(core, () => window);
    window = createMainWindow(join(here, 'preload.cjs'));
    window.on('closed', () => (window = undefined));
    app.on('before-quit', () => core.close());
    app.on('window-all-closed', () => app.quit());
  });
}
