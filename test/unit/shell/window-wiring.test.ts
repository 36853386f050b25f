/**
 * The shell's one window: the architecture's safe webPreferences, our preload, our app:// page,
 * shown once ready.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { resetElectron } from './electron-stand-in';
import { startTestShell, type TestShell } from './start-test-shell';

vi.mock('electron', () => import('./electron-stand-in'));

let shell: TestShell;
beforeAll(async () => {
  resetElectron();
  shell = await startTestShell();
});
afterAll(() => shell.quit());

it('has exactly the safe webPreferences, with the preload beside the main bundle', () => {
  expect(shell.window.options.webPreferences).toEqual({
    preload: join(shell.here, 'preload.cjs'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  });
});

it('loads app://renderer/index.html and shows itself once ready, not before', () => {
  expect(shell.window.webContents.mainFrame.url).toBe('app://renderer/index.html');
  expect(shell.window.options.show).toBe(false);
  expect(shell.window.shown).toBe(false);
  shell.window.emit('ready-to-show');
  expect(shell.window.shown).toBe(true);
});
