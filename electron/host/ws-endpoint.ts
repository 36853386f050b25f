import type { RawData, WebSocket } from 'ws';
import { StreamMux } from '../../shared/contract/streams';
import { wireCloseFellBehind, wireRequestSchema } from '../../shared/contract/wire';
import { fail, type Result } from '../../shared/result';
import type { Core } from '../core/compose';
import type { CallerNotify } from '../core/handler-types';
import type { WireLimits } from './wire-limits';

/** Request id used for errors that cannot be tied to a request (unparseable frames). */
export const unattributedId = 0;

/**
 * Stream frames a connection may get wrong before it is closed (1008): a buggy page errs now and
 * then, a hostile one would otherwise fill the log. Only the first problem is logged.
 */
export const maxStreamProblems = 100;

/** A stream closed with output still waiting for the client's credit is dropped after this long. */
export const streamCloseTimeoutMs = 30_000;

function scheduleTimer(run: () => void, ms: number): () => void {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
}

/** What one connection holds in the host now. */
export interface ConnectionStats {
  /** Bytes queued for the client that it has not read yet. */
  readonly bufferedBytes: number;
  readonly inFlightCalls: number;
  /** Its calls are not read until it has read enough of its answers. */
  readonly readingPaused: boolean;
  /** False once the host has started closing it (e.g. it fell too far behind its events). */
  readonly open: boolean;
  /** Its open streams, and the bytes they hold waiting for the client's credit. */
  readonly streams: number;
  readonly streamQueuedBytes: number;
}

/** One authenticated socket, as the host's event broadcast sees it. */
export interface SocketEndpoint {
  /** Sends a push event, or closes a connection that has fallen too far behind to take it. */
  push(frame: string): void;
  stats(): ConnectionStats;
}

/**
 * Serves the contract on one authenticated socket, within `limits`:
 *  - calls beyond `maxInFlightCalls`, or holding together more than one largest frame, are answered
 *    at once with a failure (a value, as every contract failure);
 *  - a connection that does not read its answers is read no more until it has read half of them
 *    (the frames of the last read wait here, unparsed: at most one read's worth);
 *  - one that does not read its events is closed (its page reloads and so sees what it missed);
 *  - its streams (binary frames, shared/contract/streams.ts) are its own: the handlers it calls
 *    open them on this connection's multiplexer, and they close when it closes;
 *  - so are the caller events its calls produce (`notify`): no other connection hears them.
 */
export function attachSocket(core: Core, socket: WebSocket, limits: WireLimits): SocketEndpoint {
  let streamProblems = 0;
  const streamProblem = (problem: string) => {
    streamProblems++;
    if (streamProblems === 1)
      console.error(`WebSocket stream: ${problem} (further problems here are not logged)`);
    if (streamProblems === maxStreamProblems) socket.close(1008, 'Too many malformed stream frames');
  };
  const streams = new StreamMux(
    (frame) => {
      if (socket.readyState === socket.OPEN) send(frame);
    },
    {
      maxStreams: limits.maxStreams,
      onProblem: streamProblem,
      closeTimeout: { ms: streamCloseTimeoutMs, schedule: scheduleTimer },
    },
  );
  socket.on('close', () => streams.closeAll());
  // Events for this caller only (a test run's progress) go to this socket, as a push.
  const notify: CallerNotify = (event, payload) => push(JSON.stringify({ event, payload }));
  const context = { ...core.context('websocket'), streams, notify };
  let inFlightCalls = 0;
  let inFlightBytes = 0;
  let paused = false;
  const held: { data: RawData; isBinary: boolean }[] = [];

  // Resumes once half of what was queued has reached the client: first the held frames, in order.
  const afterWrite = () => {
    if (!paused || socket.bufferedAmount > limits.maxBufferedBytes / 2) return;
    paused = false;
    // A held frame's answer may fill the queue again (a function, as `receive` changes `paused`).
    const reading = () => !paused;
    for (let frame = held.shift(); frame; frame = reading() ? held.shift() : undefined)
      receive(frame.data, frame.isBinary);
    if (reading()) socket.resume();
  };
  const send = (frame: string | Uint8Array) => {
    socket.send(frame, afterWrite);
    if (!paused && socket.bufferedAmount > limits.maxBufferedBytes) {
      paused = true;
      socket.pause();
    }
  };
  // Never throws: an answer too big or odd to serialize (or send) becomes a failure for that call,
  // not an exception in a promise callback that would stop the host.
  const reply = (id: number, result: Result<unknown>) => {
    if (socket.readyState !== socket.OPEN) return;
    try {
      send(JSON.stringify({ id, result }));
    } catch (error) {
      console.error(`Answer to call ${id} not sent:`, error instanceof Error ? error.message : error);
      try {
        send(JSON.stringify({ id, result: fail('internal', 'The answer could not be sent (too large?)') }));
      } catch {
        // The socket itself refuses: its close event ends the connection.
      }
    }
  };

  const receive = (data: RawData, isBinary: boolean) => {
    // Binary frames are stream frames, and nothing else is accepted in binary.
    if (isBinary) {
      streams.receive(rawBytes(data));
      return;
    }
    const text = rawText(data);
    const size = Buffer.byteLength(text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      reply(unattributedId, fail('invalid_input', 'Malformed message: not JSON'));
      return;
    }
    const request = wireRequestSchema.safeParse(json);
    if (!request.success) {
      const id =
        typeof json === 'object' && json !== null && 'id' in json && typeof json.id === 'number'
          ? json.id
          : unattributedId;
      reply(id, fail('invalid_input', 'Malformed request: expected { id, method, input }'));
      return;
    }
    const { id, method, input } = request.data;
    const busy =
      inFlightCalls >= limits.maxInFlightCalls ||
      // One call of any size is always taken, so that the largest import can run alone.
      (inFlightCalls > 0 && inFlightBytes + size > limits.maxPayloadBytes);
    if (busy) {
      reply(
        id,
        fail(
          'unavailable',
          `Too many calls in progress on this connection (at most ${limits.maxInFlightCalls}, ` +
            `${limits.maxPayloadBytes} bytes); wait for their answers and try again`,
        ),
      );
      return;
    }
    inFlightCalls++;
    inFlightBytes += size;
    void core.dispatcher
      .dispatch(method, input, context)
      .catch(() => fail('internal', 'The call failed unexpectedly'))
      .then((result) => {
        inFlightCalls--;
        inFlightBytes -= size;
        reply(id, result);
      });
  };

  // ws still delivers the frames of the read it had made when the socket paused: hold them.
  socket.on('message', (data, isBinary) => {
    if (paused) held.push({ data, isBinary });
    else receive(data, isBinary);
  });

  function push(frame: string): void {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > limits.maxBufferedBytes) {
      // Dropping the event silently would leave the page showing stale data; a close makes it
      // reload (what is queued is still delivered first, if the client ever reads it).
      socket.close(wireCloseFellBehind, 'Too far behind: reload to see current data');
      return;
    }
    send(frame);
  }

  return {
    push,
    stats: () => ({
      bufferedBytes: socket.bufferedAmount,
      inFlightCalls,
      readingPaused: paused,
      open: socket.readyState === socket.OPEN,
      streams: streams.stats().streams,
      streamQueuedBytes: streams.stats().queuedBytes,
    }),
  };
}

function rawBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : new Uint8Array(data);
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(new Uint8Array(data)).toString('utf8');
}
