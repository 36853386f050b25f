/**
 * The shell's use of safeStorage: the vault key is sealed by the OS keyring only when a real one is
 * behind it. Linux's `basic_text` fallback (a hard-coded key) and an unknown backend are refused,
 * and the vault then asks for a master passphrase.
 */
import { describe, expect, it, vi, beforeEach } from 'vitest';
import { ipcMethodChannel } from '../../../shared/contract';
import { osKeyProtector } from '../../../electron/shell/safe-storage-keys';
import { ipcMain, resetElectron, safeStorage } from './electron-stand-in';
import { startTestShell } from './start-test-shell';

vi.mock('electron', () => import('./electron-stand-in'));

beforeEach(() => resetElectron());

describe('osKeyProtector', () => {
  it.each(['basic_text', 'unknown'] as const)('refuses the %s backend', (backend) => {
    safeStorage.backend = backend;
    expect(osKeyProtector()).toBeUndefined();
  });

  it('refuses when encryption is not available', () => {
    safeStorage.available = false;
    expect(osKeyProtector()).toBeUndefined();
  });

  it.each(['gnome_libsecret', 'kwallet5'] as const)('seals and opens with the %s keyring', (backend) => {
    safeStorage.backend = backend;
    const keys = osKeyProtector();
    expect(keys?.name).toBe(backend);
    const key = Buffer.from([0, 1, 2, 254, 255]);
    const sealed = keys?.encrypt(key) ?? Buffer.alloc(0);
    expect(keys?.decrypt(sealed)).toEqual(key);
  });
});

describe("the shell's vault", () => {
  const keySource = async (backend: typeof safeStorage.backend) => {
    resetElectron();
    safeStorage.backend = backend;
    const shell = await startTestShell();
    try {
      const status = await ipcMain.invoke(
        ipcMethodChannel('vault.status'),
        shell.window.webContents.invokeEvent(),
        undefined,
      );
      return (status as { value: { keySource: string } }).value.keySource;
    } finally {
      await shell.quit();
    }
  };

  it('asks for a passphrase with basic_text, and uses a real keyring', async () => {
    expect(await keySource('basic_text')).toBe('passphrase');
    expect(await keySource('gnome_libsecret')).toBe('safe-storage');
  });
});
