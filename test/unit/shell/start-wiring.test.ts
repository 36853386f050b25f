/**
 * The shell's start and quit: one instance per data directory (a second one focuses the first and
 * takes no lock), the data-dir lock held while running and released on quit, a data dir held by
 * another process refused with a message, every store flushed on quit.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcMethodChannel } from '../../../shared/contract';
import { lockFileName } from '../../../electron/platform/data-dir-lock';
import { startShell } from '../../../electron/shell/start';
import { makeTempDir } from '../../support/temp-dir';
import { app, dialog, ipcMain, resetElectron, StandInBrowserWindow } from './electron-stand-in';
import { prepareDist, startTestShell, type TestShell } from './start-test-shell';

vi.mock('electron', () => import('./electron-stand-in'));

beforeEach(() => resetElectron());

describe('a second instance', () => {
  it('quits at once: no lock, no core, no window, no IPC', async () => {
    const temp = makeTempDir('jit-shell-');
    try {
      const here = prepareDist(temp.path);
      const dataDir = join(temp.path, 'data');
      app.otherInstanceRunning = true;
      const started = startShell(['electron', 'main.js', '--data-dir', dataDir], here);
      app.becomeReady();
      await expect(started).resolves.toBeUndefined();
      expect(app.quitCalls).toBe(1);
      expect(existsSync(join(dataDir, lockFileName))).toBe(false);
      expect(StandInBrowserWindow.created).toEqual([]);
      expect(ipcMain.channels()).toEqual([]);
      // The single-instance lock is Electron's, per userData: the data dir must be set before.
      expect(app.getPath('userData')).toBe(dataDir);
    } finally {
      temp.remove();
    }
  });
});

describe('the first instance', () => {
  let shell: TestShell;
  beforeEach(async () => {
    shell = await startTestShell();
  });
  afterEach(() => shell.quit());

  it('holds the data-dir lock while it runs and releases it on quit', async () => {
    const lock = join(shell.dataDir, lockFileName);
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid });
    app.quit();
    await app.quitted();
    expect(existsSync(lock)).toBe(false);
  });

  it('ends the live sessions before it quits: the first quit waits for core.shutdown()', async () => {
    let finish: () => void = () => undefined;
    const shutdown = vi
      .spyOn(shell.core, 'shutdown')
      .mockImplementation(() => new Promise<void>((resolve) => (finish = resolve)));
    const lock = join(shell.dataDir, lockFileName);
    app.quit();
    expect(shutdown).toHaveBeenCalledOnce();
    // Held back: the lock stays until the sessions are ended.
    expect(existsSync(lock)).toBe(true);
    app.quit();
    expect(shutdown).toHaveBeenCalledOnce();
    finish();
    await app.quitted();
    expect(existsSync(lock)).toBe(false);
  });

  it('brings its window back when a second instance starts', () => {
    shell.window.minimized = true;
    const lock = readFileSync(join(shell.dataDir, lockFileName), 'utf8');
    app.emit('second-instance');
    expect(shell.window.minimized).toBe(false);
    expect(shell.window.focused).toBe(true);
    expect(readFileSync(join(shell.dataDir, lockFileName), 'utf8')).toBe(lock);
  });

  it('quits when its window is closed', () => {
    const before = app.quitCalls;
    app.emit('window-all-closed');
    expect(app.quitCalls).toBe(before + 1);
  });

  it('quit waits for a change still being written: it reaches the disk before the app exits', async () => {
    const shutdown = vi.spyOn(shell.core, 'shutdown');
    const event = () => shell.window.webContents.invokeEvent();
    const current = (await ipcMain.invoke(ipcMethodChannel('settings.get'), event(), undefined)) as {
      value: { jit: { usernamePrefix: string } };
    };
    const changed = { ...current.value, jit: { ...current.value.jit, usernamePrefix: 'quitflush_' } };
    // Writes are coalesced to the end of the event loop's turn (setImmediate): hold them back.
    vi.useFakeTimers({ toFake: ['setImmediate'] });
    try {
      void ipcMain.invoke(ipcMethodChannel('settings.set'), event(), changed);
      // Until the write is scheduled (not vi.waitFor: it would advance the fake timers and run it).
      for (let turn = 0; turn < 100 && vi.getTimerCount() === 0; turn++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(vi.getTimerCount()).toBeGreaterThan(0);
      const config = join(shell.dataDir, 'config.json');
      expect(readFileSync(config, 'utf8')).not.toContain('quitflush_');
      let quitted = false;
      app.quit();
      void app.quitted().then(() => (quitted = true));
      for (let turn = 0; turn < 100 && shutdown.mock.calls.length === 0; turn++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(shutdown).toHaveBeenCalledOnce();
      // Held back by the write in flight (the core's dispatcher drains its calls first).
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(quitted).toBe(false);
      vi.runOnlyPendingTimers();
      await app.quitted();
      expect(readFileSync(config, 'utf8')).toContain('quitflush_');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a data directory another process holds', () => {
  it('is refused with a message and exit code 1, its lock left alone', async () => {
    const first = await startTestShell();
    try {
      const lock = readFileSync(join(first.dataDir, lockFileName), 'utf8');
      // As if the browser host (or an Electron of another userData) held it: here, the first shell.
      const second = await startShell(['electron', 'main.js', '--data-dir', first.dataDir], first.here);
      expect(second).toBeUndefined();
      expect(app.exitCodes).toEqual([1]);
      expect(dialog.errors.map((e) => e.title)).toEqual(['JIT PAM cannot start']);
      expect(dialog.errors[0]?.content).toContain('in use by another JIT PAM process');
      expect(readFileSync(join(first.dataDir, lockFileName), 'utf8')).toBe(lock);
    } finally {
      await first.quit();
    }
  });
});
