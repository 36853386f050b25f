/**
 * The renderer's one typed client. Components and stores import `api` from here and never touch
 * `window` bridges or sockets themselves.
 */
import type { ApiTransport } from '../../shared/contract';
import { fail } from '../../shared/result';
import { bridgeTransport, findBridge } from './bridge-transport';
import { takeLaunchToken } from './token';
import { wsTransport, type ConnectionState } from './ws-transport';

type StateListener = (s: ConnectionState) => void;
const stateListeners = new Set<StateListener>();
let connectionState: ConnectionState = 'connecting';
const setState = (s: ConnectionState) => {
  connectionState = s;
  for (const l of stateListeners) l(s);
};

function pickTransport(): ApiTransport {
  const bridge = findBridge();
  if (bridge) {
    setState('open');
    return bridgeTransport(bridge);
  }
  const token = takeLaunchToken();
  if (token) return wsTransport(token, setState);
  setState('closed');
  // No bridge and no token: the page was opened without the address the host printed.
  return {
    call: () =>
      Promise.resolve(
        fail('unauthorized', 'Open the app with the address printed by `npm start` (it carries a token)'),
      ),
    subscribe: () => () => undefined,
  } as ApiTransport;
}

export const api: ApiTransport = pickTransport();

export const connection = {
  get state(): ConnectionState {
    return connectionState;
  },
  onChange(listener: StateListener): () => void {
    stateListeners.add(listener);
    return () => stateListeners.delete(listener);
  },
};
export type { ConnectionState };
