import { connect, type Socket } from 'node:net';
import { Client } from 'ldapts';
import type { CancelSignal, RunTimeouts, TargetEndpoint } from '../plugin-runtime';
import { ConnectionLinger, guarded, type Reusable } from '../tag-engine';

/** ldap://host:port, with brackets for an IPv6 address. */
export function ldapUrl(target: TargetEndpoint): string {
  const host = target.host.includes(':') && !target.host.startsWith('[') ? `[${target.host}]` : target.host;
  return `ldap://${host}:${target.port}`;
}

export interface LdapConnection extends Reusable {
  readonly client: Client;
  /** Whom the connection is bound as (the last successful bind), or null. */
  bound: string | null;
  /**
   * Runs one operation under the read timeout (`connecting`: the connect timeout, for the first
   * operation, which also opens the socket) and the signal; on either, the socket is closed.
   */
  guard<T>(work: Promise<T>, what: string, connecting?: boolean): Promise<T>;
  destroy(): void;
  close(): Promise<void>;
}

/**
 * The connection a successful run leaves, for the account checks that follow it. Only for logins
 * with a bind DN: an account check binds as that DN first, unless the connection already is.
 */
export const ldapConnections = new ConnectionLinger<LdapConnection>();

/**
 * A client for the target. ldapts connects on the first operation, so there is nothing to wait for
 * here: the first bind (or search) is guarded by the connect timeout by the caller.
 */
export function openLdap(
  target: TargetEndpoint,
  timeouts: RunTimeouts,
  signal?: CancelSignal,
): LdapConnection {
  let socket: Socket | undefined;
  // ldapts calls this as connect(port, host); keeping the socket lets a kept connection not hold
  // the process open. (The cast: net.connect's type is a set of overloads.)
  const connectSocket = (port: number, host: string): Socket => {
    socket = connect(port, host);
    return socket;
  };
  const client = new Client({
    url: ldapUrl(target),
    createConnection: connectSocket as unknown as typeof connect,
    // Backstops only: guarded() is the deadline that counts.
    connectTimeout: timeouts.connectSeconds * 1000 + 1000,
    timeout: Math.max(timeouts.connectSeconds, timeouts.readSeconds) * 1000 + 1000,
  });
  let closed = false;
  const destroy = (): void => {
    if (closed) return;
    closed = true;
    // unbind() closes the socket once the request is written; the pending operations then fail.
    client.unbind().catch(() => undefined);
  };
  return {
    client,
    guard: (work, what, connecting = false) =>
      guarded(work, {
        signal,
        timeoutSeconds: connecting ? timeouts.connectSeconds : timeouts.readSeconds,
        what,
        onInterrupt: destroy,
      }),
    destroy,
    alive: () => !closed && client.isConnected,
    hold: (on) => {
      if (on) socket?.ref();
      else socket?.unref();
    },
    bound: null,
    // Nothing to undo: an account check binds as its login unless the connection already is.
    reset: () => Promise.resolve(true),
    close: async () => {
      if (closed) return;
      closed = true;
      await client.unbind().catch(() => undefined);
    },
  };
}
