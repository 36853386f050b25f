import type { ApiTransport, EventName, EventPayload, MethodInput, MethodName } from '../../shared/contract';
import { bridgeGlobalName, type Bridge } from '../../shared/contract/bridge';
import { portStreams } from './port-streams';

/** The preload's bridge, when the renderer runs inside the Electron shell. */
export function findBridge(): Bridge | undefined {
  return (window as unknown as Record<string, Bridge | undefined>)[bridgeGlobalName];
}

export function bridgeTransport(bridge: Bridge): ApiTransport {
  const stream = portStreams({ target: window, fromSelf: (event) => event.source === window });
  return {
    call: <M extends MethodName>(method: M, input: MethodInput<M>) =>
      (bridge.methods[method] as (i: MethodInput<M>) => ReturnType<ApiTransport['call']>)(input),
    subscribe: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) =>
      (bridge.events[event] as (l: (p: EventPayload<E>) => void) => () => void)(listener),
    stream,
  } as ApiTransport;
}
