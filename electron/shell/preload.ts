/**
 * The preload (sandboxed, bundled to CommonJS): exposes exactly the contract's methods and event
 * subscriptions on `window.jitBridge`, never `ipcRenderer` itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { eventNames, ipcEventChannel, ipcMethodChannel, methodNames } from '../../shared/contract';
import { bridgeGlobalName } from '../../shared/contract/bridge';
import { ipcStreamPortChannel, streamPortMessageKey } from '../../shared/contract/streams';

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

// A stream's MessagePort cannot cross the context bridge as a value: it is posted to the page's
// own window, which takes it (renderer/api/bridge-transport.ts). The preload is built without the
// DOM's types: the two members it uses are named here.
const page = globalThis as unknown as {
  readonly location: { readonly origin: string };
  postMessage(message: unknown, targetOrigin: string, transfer: readonly unknown[]): void;
};
ipcRenderer.on(ipcStreamPortChannel, (event, message: { streamId: number }) => {
  page.postMessage({ [streamPortMessageKey]: message.streamId }, page.location.origin, event.ports);
});
