import type { EventBus } from '../platform/event-bus';
import type { PluginRegistry } from '../plugins/registry';

/**
 * Closes the connections the plugins keep logged in on targets when what they stood on changes:
 * a Lock takes the passwords out of memory (the sessions logged in with them go too), and a host
 * key trusted or forgotten changes which server the app believes it talks to (a connection made
 * under the old trust must not serve a check under the new one).
 */
export function closeKeptConnectionsOn(
  events: Pick<EventBus, 'subscribe'>,
  plugins: Pick<PluginRegistry, 'closeKeptConnections'>,
): () => void {
  return events.subscribe((event, payload) => {
    const locked = event === 'vault.changed' && (payload as { state?: string }).state === 'locked';
    if (locked || event === 'hostKeys.changed') void plugins.closeKeptConnections();
  });
}
