/**
 * The shell's IPC wiring: calls accepted only from our window's main frame showing app://renderer
 * (anything else refused before the dispatcher), core events sent to that window only.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcMethodChannel } from '../../../shared/contract';
import {
  ipcMain,
  resetElectron,
  StandInBrowserWindow,
  StandInFrame,
  type StandInWebContents,
} from './electron-stand-in';
import { startTestShell, type TestShell } from './start-test-shell';

vi.mock('electron', () => import('./electron-stand-in'));

let shell: TestShell;
beforeEach(async () => {
  resetElectron();
  shell = await startTestShell();
});
afterEach(() => shell.quit());

const appInfo = ipcMethodChannel('app.info');
const refused = { ok: false, code: 'unauthorized' };

describe('who may call', () => {
  const call = (contents: StandInWebContents, frame?: StandInFrame | null) =>
    ipcMain.invoke(appInfo, contents.invokeEvent(frame), undefined);

  it("our window's main frame on app://renderer reaches the dispatcher", async () => {
    const dispatch = vi.spyOn(shell.core.dispatcher, 'dispatch');
    expect(shell.window.webContents.mainFrame.url).toBe('app://renderer/index.html');
    await expect(call(shell.window.webContents)).resolves.toMatchObject({ ok: true });
    expect(dispatch).toHaveBeenCalledOnce();
  });

  it('another window is refused without reaching the dispatcher', async () => {
    const dispatch = vi.spyOn(shell.core.dispatcher, 'dispatch');
    const other = new StandInBrowserWindow();
    await other.loadURL('app://renderer/index.html');
    await expect(call(other.webContents)).resolves.toMatchObject(refused);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('a sub-frame of our window is refused, even one showing our origin', async () => {
    const dispatch = vi.spyOn(shell.core.dispatcher, 'dispatch');
    const frame = new StandInFrame('app://renderer/index.html');
    await expect(call(shell.window.webContents, frame)).resolves.toMatchObject(refused);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('our main frame showing another origin is refused', async () => {
    const dispatch = vi.spyOn(shell.core.dispatcher, 'dispatch');
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html']) {
      shell.window.webContents.mainFrame.url = url;
      await expect(call(shell.window.webContents)).resolves.toMatchObject(refused);
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('a frame already gone (senderFrame null) is refused', async () => {
    const dispatch = vi.spyOn(shell.core.dispatcher, 'dispatch');
    await expect(call(shell.window.webContents, null)).resolves.toMatchObject(refused);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('after our window closed, nothing is accepted', async () => {
    const dispatch = vi.spyOn(shell.core.dispatcher, 'dispatch');
    shell.window.emit('closed');
    await expect(call(shell.window.webContents)).resolves.toMatchObject(refused);
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('core events', () => {
  it("are sent to our window's webContents on the event's channel", () => {
    const other = new StandInBrowserWindow();
    const notice = { id: 'n1', level: 'info', message: 'hello', at: '2026-01-01T00:00:00.000Z' } as const;
    shell.core.events.emit('app.notice', notice);
    expect(shell.window.webContents.sent).toContainEqual({ channel: 'event:app.notice', args: [notice] });
    expect(other.webContents.sent).toEqual([]);
  });

  it("a call's own events (caller events) are given to the handler and reach our window only", async () => {
    const other = new StandInBrowserWindow();
    const dispatch = vi.spyOn(shell.core.dispatcher, 'dispatch');
    await ipcMain.invoke(appInfo, shell.window.webContents.invokeEvent(), undefined);
    const ctx = dispatch.mock.calls[0]?.[2];
    expect(ctx?.notify).toBeTypeOf('function');
    const progress = { runId: 'r1', operation: {} } as unknown as Parameters<
      NonNullable<NonNullable<typeof ctx>['notify']>
    >[1];
    ctx?.notify?.('operations.testProgress', progress);
    expect(shell.window.webContents.sent).toContainEqual({
      channel: 'event:operations.testProgress',
      args: [progress],
    });
    expect(other.webContents.sent).toEqual([]);
  });
});
