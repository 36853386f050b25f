/**
 * The preload (sandboxed, bundled to CommonJS): exposes exactly the contract's methods and event
 * subscriptions on `window.jitBridge`, never `ipcRenderer` itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { eventNames, ipcEventChannel, ipcMethodChannel, methodNames } from '../../shared/contract';
import { bridgeGlobalName } from '../../shared/contract/bridge';

const methods = Object.fromEntries(
  methodNames.map((method) => [
    method,
    (input: unknown): Promise<unknown> => ipcRenderer.invoke(ipcMethodChannel(method), input),
  ]),
);

const events = Object.fromEntries(
  eventNames.map((event) => [
    event,
    (listener: (payload: unknown) => void): (() => void) => {
      const channel = ipcEventChannel(event);
      const handler = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, handler);
      return () => ipcRenderer.removeListener(channel, handler);
    },
  ]),
);

contextBridge.exposeInMainWorld(bridgeGlobalName, { methods, events });
