/**
 * The preload exposes exactly the contract on window.jitBridge: one function per method, one
 * subscription per event, nothing else (never ipcRenderer itself).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eventNames, ipcEventChannel, ipcMethodChannel, methodNames } from '../../../shared/contract';
import { bridgeGlobalName } from '../../../shared/contract/bridge';
import { contextBridge, ipcRenderer, resetElectron } from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in'));

let bridge: { methods: Record<string, unknown>; events: Record<string, unknown> };
beforeAll(async () => {
  resetElectron();
  await import('../../../electron/shell/preload');
  bridge = contextBridge.exposed.get(bridgeGlobalName) as typeof bridge;
});

describe('the preload', () => {
  it('exposes one global, the bridge, with methods and events only', () => {
    expect([...contextBridge.exposed.keys()]).toEqual([bridgeGlobalName]);
    expect(Object.keys(bridge).sort()).toEqual(['events', 'methods']);
  });

  it("exposes exactly the contract's methods and events, each a function", () => {
    expect(Object.keys(bridge.methods).sort()).toEqual([...methodNames].sort());
    expect(Object.keys(bridge.events).sort()).toEqual([...eventNames].sort());
    for (const value of [...Object.values(bridge.methods), ...Object.values(bridge.events)]) {
      expect(value).toBeTypeOf('function');
    }
  });

  it("calls a method on that method's channel, with the input only", async () => {
    const call = bridge.methods['devices.list'] as (input: unknown) => Promise<unknown>;
    await call({ query: 'x' });
    expect(ipcRenderer.invoked).toEqual([
      { channel: ipcMethodChannel('devices.list'), args: [{ query: 'x' }] },
    ]);
  });

  it("subscribes to an event's channel, hands the listener the payload only, and unsubscribes", () => {
    const subscribe = bridge.events['app.notice'] as (listener: (payload: unknown) => void) => () => void;
    const received: unknown[] = [];
    const unsubscribe = subscribe((payload) => received.push(payload));
    const channel = ipcEventChannel('app.notice');
    ipcRenderer.emit(channel, { sender: 'the IPC event stays in the preload' }, { id: 'n1' });
    expect(received).toEqual([{ id: 'n1' }]);
    unsubscribe();
    expect(ipcRenderer.listenerCount(channel)).toBe(0);
  });
});
