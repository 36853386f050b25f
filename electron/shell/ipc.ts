import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { ipcEventChannel, ipcMethodChannel, methodNames } from '../../shared/contract';
import { fail } from '../../shared/result';
import type { Core } from '../core/compose';
import type { CallerNotify } from '../core/handler-types';
import { isAppOrigin } from './app-protocol';
import { PortStreams } from './stream-ports';

/**
 * One `ipcMain.handle` per contract method. Each call is accepted only from our window's main frame
 * showing our own app:// origin; its input is then validated by the dispatcher like any other.
 */
export function registerIpc(core: Core, window: () => BrowserWindow | undefined): () => void {
  // The window's streams (terminals): one MessagePort each, posted to this window only.
  const streams = new PortStreams(() => window()?.webContents);
  // The window is the only caller over IPC: its own events go to it, as the broadcast ones do.
  const notify: CallerNotify = (event, payload) => {
    window()?.webContents.send(ipcEventChannel(event), payload);
  };
  const context = { ...core.context('ipc'), streams, notify };
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const win = window();
    const frame = event.senderFrame;
    return (
      win !== undefined &&
      frame !== null &&
      event.sender === win.webContents &&
      frame === win.webContents.mainFrame &&
      isAppOrigin(frame.url)
    );
  };

  for (const method of methodNames) {
    ipcMain.handle(ipcMethodChannel(method), (event, input: unknown) =>
      trusted(event)
        ? core.dispatcher.dispatch(method, input, context)
        : fail('unauthorized', 'Calls are accepted only from the application window'),
    );
  }
  const unsubscribe = core.events.subscribe((event, payload) => {
    window()?.webContents.send(ipcEventChannel(event), payload);
  });
  return () => {
    streams.closeAll();
    unsubscribe();
    for (const method of methodNames) ipcMain.removeHandler(ipcMethodChannel(method));
  };
}
