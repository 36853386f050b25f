import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from './index';
import type { Result } from '../result';

/**
 * What the Electron preload exposes on `window` (under `bridgeGlobalName`): exactly one function per
 * contract method and one subscription per event, never `ipcRenderer` itself.
 */
export interface Bridge {
  readonly methods: {
    readonly [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
  };
  readonly events: {
    readonly [E in EventName]: (listener: (payload: EventPayload<E>) => void) => () => void;
  };
}

export const bridgeGlobalName = 'jitBridge';
