/**
 * The Electron shell's main process: the composition root wired to Electron IPC and one window.
 * Command line: `--data-dir DIR` (default ~/.config/jit-pam, the same as the browser host's).
 */
import { app, type BrowserWindow } from 'electron';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/compose';
import { defaultDataDir } from '../platform/data-dir';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { electronStoreBackendFactory } from './electron-store-backend';
import { hardenApp } from './hardening';
import { registerIpc } from './ipc';
import { createMainWindow } from './window';

const here = dirname(fileURLToPath(import.meta.url));

function dataDirFromArgs(argv: readonly string[]): string | undefined {
  const i = argv.indexOf('--data-dir');
  const value = i >= 0 ? argv[i + 1] : undefined;
  return value === undefined ? undefined : resolve(value);
}

const dataDir = dataDirFromArgs(process.argv) ?? defaultDataDir();
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

  void app.whenReady().then(() => {
    hardenApp();
    serveRenderer(join(here, '..', 'renderer'));
    const core = createCore({ dataDir, shell: 'electron', createBackend: electronStoreBackendFactory });
    registerIpc(core, () => window);
    window = createMainWindow(join(here, 'preload.cjs'));
    window.on('closed', () => (window = undefined));
    app.on('before-quit', () => core.close());
    app.on('window-all-closed', () => app.quit());
  });
}
