import { wireMaxPayloadBytes } from '../../shared/contract/wire';

/**
 * What one WebSocket may make the core hold, so that one tab (buggy, frozen or hostile: it has the
 * token) cannot make the host buffer without limit.
 */
export interface WireLimits {
  /** Largest frame a client may send (ws closes the connection with 1009 beyond it). */
  readonly maxPayloadBytes: number;
  /** Calls of one connection waiting for their answer; one more is answered with a failure at once. */
  readonly maxInFlightCalls: number;
  /**
   * Bytes queued for one connection that it has not read yet. Above it the host stops reading
   * that connection's calls until half has drained (answers wait in the client's own TCP buffer),
   * and an event that would add to it closes the connection instead (`wireCloseFellBehind`).
   */
  readonly maxBufferedBytes: number;
  /** Streams (terminals) one connection may have open at once. */
  readonly maxStreams: number;
  /** Open connections at once; more are refused with 503 before the upgrade. */
  readonly maxConnections: number;
}

export const defaultWireLimits: WireLimits = {
  // A bundle import is the largest call (64 MiB of JSON, escaped once more in the frame).
  maxPayloadBytes: wireMaxPayloadBytes,
  // The renderer has a handful of calls out at a time (a view's loads); 32 is far above that.
  maxInFlightCalls: 32,
  // Events are a few hundred bytes; 16 MiB unread means a tab has stopped reading for a long time.
  maxBufferedBytes: 16 * 1024 * 1024,
  // A session view opens one terminal; a few tabs' worth on one connection is already odd.
  maxStreams: 8,
  // Tabs of one user: a few. Each holds at most the bounds above.
  maxConnections: 16,
};
