/**
 * The renderer's one typed client. Components and stores import `api` from here and never touch
 * `window` bridges or sockets themselves.
 */
import type { ApiTransport } from '../../shared/contract';
import { fail } from '../../shared/result';
import { bridgeTransport, findBridge } from './bridge-transport';
import { hasLaunchToken, takeLaunchToken } from './token';
import { wsTransport, type ConnectionState as SocketState } from './ws-transport';

/**
 * The connection to the core; `no-token` when this tab was opened without the address's token
 * (e.g. a second tab on the bare address): nothing can connect, and restarting the app would not
 * help (it would break the tab that has the token).
 */
export type ConnectionState = SocketState | 'no-token';

/** What a tab without the token says, instead of "disconnected". */
export const noTokenMessage =
  "This tab was opened without the address's token. Open the address printed by npm start (it ends with #token=…), or use the tab that has it.";

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
  // The full address pasted into this tab later (only the hash changes, so the page is not
  // loaded again by itself): keep its token for the tab, then start over with it.
  window.addEventListener('hashchange', () => {
    if (!hasLaunchToken()) return;
    takeLaunchToken();
    window.location.reload();
  });
  const token = takeLaunchToken();
  if (token) return wsTransport(token, setState);
  setState('no-token');
  return {
    call: () => Promise.resolve(fail('unauthorized', noTokenMessage)),
    subscribe: () => () => undefined,
    stream: () => Promise.resolve(undefined),
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
