/**
 * The shell's IPC surface: one handler per contract method and no other channel. In a file of its
 * own: electron-store registers its channel once per module load, i.e. at the first shell start.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { ipcMethodChannel, methodNames } from '../../../shared/contract';
import { ipcMain, resetElectron } from './electron-stand-in';
import { startTestShell, type TestShell } from './start-test-shell';

vi.mock('electron', () => import('./electron-stand-in'));

let shell: TestShell;
beforeEach(async () => {
  resetElectron();
  shell = await startTestShell();
});
afterEach(() => shell.quit());

it('every contract method gets exactly one handler, and no other channel exists', () => {
  // The stand-in's handle() throws on a second handler for a channel, as Electron's does.
  expect(ipcMain.channels().sort()).toEqual(methodNames.map(ipcMethodChannel).sort());
});
