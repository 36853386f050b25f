/**
 * Streams: per-caller byte channels (a terminal's input and output) opened by a contract call that
 * answers with a stream id. Both ends run this same multiplexer: over the browser host's WebSocket
 * its frames are the binary messages (the only binary ones the host accepts), in Electron each
 * stream has its own MessagePort carrying the same frames.
 *
 * Frame: [type: u8][stream id: u32 big-endian][payload]
 *   data  (0): the payload is bytes of the stream, at most `streamMaxChunkBytes`
 *   ack   (1): the payload is a u32: bytes the receiver has consumed since its last ack
 *   close (2): the payload is one reason byte (streamCloseReasons)
 *
 * Backpressure is credit-based: a sender has at most `streamWindowBytes` sent and not yet acked;
 * beyond that `write` queues and answers false, and the writer pauses its source (the terminal
 * pauses its ssh2 channel) until `onDrain`. A receiver acks only what its consumer has finished
 * with (xterm has drawn it, ssh2 has taken it), so a slow renderer stops the target, not fills the
 * core. A peer that sends beyond its credit breaks the protocol: the stream is closed.
 */

export const streamFrameTypes = { data: 0, ack: 1, close: 2 } as const;
/** Bytes a sender may have in flight, unacknowledged, per stream. */
export const streamWindowBytes = 256 * 1024;
/** The largest payload of one data frame (a larger write is cut into chunks). */
export const streamMaxChunkBytes = 32 * 1024;
const headerBytes = 5;

/** Why a stream closed, as the close frame says (one byte). */
export const streamCloseReasons = {
  /** One end closed it (the view closed, the shell exited, the session ended). */
  normal: 0,
  /** The peer broke the protocol (data beyond its credit, a malformed frame). */
  protocol: 1,
  /** The connection carrying it closed. */
  disconnected: 2,
} as const;
export type StreamCloseReason = keyof typeof streamCloseReasons;
const reasonOfCode = new Map<number, StreamCloseReason>(
  Object.entries(streamCloseReasons).map(([name, code]) => [code, name as StreamCloseReason]),
);

export type StreamFrame =
  | { readonly type: 'data'; readonly id: number; readonly bytes: Uint8Array }
  | { readonly type: 'ack'; readonly id: number; readonly count: number }
  | { readonly type: 'close'; readonly id: number; readonly reason: StreamCloseReason };

export function encodeStreamFrame(frame: StreamFrame): Uint8Array {
  const payload = frame.type === 'data' ? frame.bytes.byteLength : frame.type === 'ack' ? 4 : 1;
  const out = new Uint8Array(headerBytes + payload);
  const view = new DataView(out.buffer);
  view.setUint8(0, streamFrameTypes[frame.type]);
  view.setUint32(1, frame.id);
  if (frame.type === 'data') out.set(frame.bytes, headerBytes);
  else if (frame.type === 'ack') view.setUint32(headerBytes, frame.count);
  else view.setUint8(headerBytes, streamCloseReasons[frame.reason]);
  return out;
}

/** A frame, or why the bytes are not one (never thrown: the bytes come from the other side). */
export function decodeStreamFrame(bytes: Uint8Array): StreamFrame | string {
  if (bytes.byteLength < headerBytes) return 'Stream frame shorter than its header';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const id = view.getUint32(1);
  const type = view.getUint8(0);
  const size = bytes.byteLength - headerBytes;
  if (type === streamFrameTypes.data) {
    if (size === 0 || size > streamMaxChunkBytes)
      return `Stream data frame of ${size} bytes (1 to ${streamMaxChunkBytes})`;
    return { type: 'data', id, bytes: bytes.subarray(headerBytes) };
  }
  if (type === streamFrameTypes.ack) {
    if (size !== 4) return 'Stream ack frame without its 4-byte count';
    return { type: 'ack', id, count: view.getUint32(headerBytes) };
  }
  if (type === streamFrameTypes.close) {
    const reason = size === 1 ? reasonOfCode.get(view.getUint8(headerBytes)) : undefined;
    return reason === undefined ? 'Stream close frame without a known reason' : { type: 'close', id, reason };
  }
  return `Unknown stream frame type ${type}`;
}

/** One end of a stream. */
export interface StreamEnd {
  readonly id: number;
  readonly closed: boolean;
  /** Bytes written here and not yet sent, waiting for the peer's credit. */
  readonly queuedBytes: number;
  /**
   * Sends bytes to the peer (queued beyond its credit). False when anything is queued: the writer
   * should stop its source until `onDrain`.
   */
  write(bytes: Uint8Array): boolean;
  /**
   * Bytes from the peer, in order. The listener calls `done` once it has consumed them (that is
   * the peer's credit back). Bytes that arrive before a listener are kept for it (within credit).
   */
  onData(listener: (bytes: Uint8Array, done: () => void) => void): void;
  /** Everything queued has been sent. */
  onDrain(listener: () => void): void;
  onClose(listener: (reason: StreamCloseReason) => void): void;
  /** Closes it once what is queued has been sent (the last output of an exiting shell arrives). */
  close(): void;
  /** Closes it at once, dropping what is queued. */
  destroy(reason?: StreamCloseReason): void;
}

/** What a contract handler may open streams with: those of its caller's connection only. */
export interface StreamOpener {
  /** A new stream; undefined when the connection has as many open as it may. */
  open(): StreamEnd | undefined;
  /** A stream of this connection, by id; another connection's ids are not found here. */
  get(id: number): StreamEnd | undefined;
  /** The connection is gone: nothing opened on it would reach anyone (a caller checks after its awaits). */
  readonly closed: boolean;
}

export interface StreamMuxOptions {
  /** The first id this end allocates (the core allocates; the renderer only attaches). */
  readonly firstId?: number;
  /**
   * Data or a close for an id this end does not know opens it (the renderer: the core's data may
   * arrive before the answer naming the id is handled). Otherwise such frames are ignored.
   */
  readonly acceptUnknown?: boolean;
  /** Streams open at once; `open` answers undefined beyond (one tab cannot open without end). */
  readonly maxStreams?: number;
  /** A frame the peer got wrong (for a log; the frame is dropped or its stream closed). */
  readonly onProblem?: (message: string) => void;
  /**
   * A stream closed while its queue waits for the peer's credit is destroyed after `ms` (a peer
   * that never acks would keep it, and its place among `maxStreams`, forever). `schedule` runs a
   * timer and answers its cancel (shared code has no timers of its own). Without it, close waits.
   */
  readonly closeTimeout?: {
    readonly ms: number;
    readonly schedule: (run: () => void, ms: number) => () => void;
  };
}

/** The streams of one connection (one WebSocket, or one MessagePort per stream in Electron). */
export class StreamMux implements StreamOpener {
  readonly #streams = new Map<number, MuxStream>();
  #nextId: number;
  /** Set by closeAll: the connection is gone, and a stream opened later would outlive it. */
  #closed = false;

  constructor(
    private readonly send: (frame: Uint8Array) => void,
    private readonly options: StreamMuxOptions = {},
  ) {
    this.#nextId = options.firstId ?? 1;
  }

  get closed(): boolean {
    return this.#closed;
  }

  open(): StreamEnd | undefined {
    if (this.#closed || this.#streams.size >= (this.options.maxStreams ?? Infinity)) return undefined;
    return this.attach(this.#nextId++);
  }

  /**
   * The stream with this id, opened here if it is not yet. Once the connection is closed
   * (closeAll) it is a stream closed already ('disconnected'), kept nowhere: nothing is opened on
   * a connection nobody reads.
   */
  attach(id: number): StreamEnd {
    if (this.#closed) {
      const gone = new MuxStream(
        id,
        () => undefined,
        () => undefined,
        () => undefined,
      );
      gone.destroy('disconnected', false);
      return gone;
    }
    return this.#streams.get(id) ?? this.#add(id);
  }

  get(id: number): StreamEnd | undefined {
    return this.#streams.get(id);
  }

  receive(bytes: Uint8Array): void {
    if (this.#closed) return;
    const frame = decodeStreamFrame(bytes);
    if (typeof frame === 'string') {
      this.options.onProblem?.(frame);
      return;
    }
    let stream = this.#streams.get(frame.id);
    if (!stream) {
      // A late frame of a stream closed here, or another connection's id: nothing to act on.
      if (!this.options.acceptUnknown || frame.type === 'ack') return;
      stream = this.#add(frame.id);
    }
    stream.receive(frame);
  }

  /** The connection closed: every stream closes. */
  closeAll(reason: StreamCloseReason = 'disconnected'): void {
    this.#closed = true;
    for (const stream of [...this.#streams.values()]) stream.destroy(reason, false);
  }

  stats(): { readonly streams: number; readonly queuedBytes: number } {
    let queuedBytes = 0;
    for (const stream of this.#streams.values()) queuedBytes += stream.queuedBytes;
    return { streams: this.#streams.size, queuedBytes };
  }

  #add(id: number): MuxStream {
    const stream = new MuxStream(
      id,
      this.send,
      (problem) => this.options.onProblem?.(problem),
      () => this.#streams.delete(id),
      this.options.closeTimeout,
    );
    this.#streams.set(id, stream);
    return stream;
  }
}

class MuxStream implements StreamEnd {
  #closed = false;
  #closing = false;
  /** Sent, not yet acked by the peer. */
  #inFlight = 0;
  readonly #queue: Uint8Array[] = [];
  #queuedBytes = 0;
  /** Received and not yet acked (consumed or not): the peer's credit in use. */
  #received = 0;
  /** Consumed and not yet acked. */
  #consumed = 0;
  readonly #unheard: Uint8Array[] = [];
  #dataListener: ((bytes: Uint8Array, done: () => void) => void) | undefined;
  readonly #drainListeners = new Set<() => void>();
  readonly #closeListeners = new Set<(reason: StreamCloseReason) => void>();
  #closeReason: StreamCloseReason | undefined;

  constructor(
    readonly id: number,
    private readonly send: (frame: Uint8Array) => void,
    private readonly problem: (message: string) => void,
    private readonly forget: () => void,
    private readonly closeTimeout?: StreamMuxOptions['closeTimeout'],
  ) {}

  /** Cancels the close timer, if one runs. */
  #cancelTimer: (() => void) | undefined;

  get closed(): boolean {
    return this.#closed;
  }

  get queuedBytes(): number {
    return this.#queuedBytes;
  }

  write(bytes: Uint8Array): boolean {
    if (this.#closed || this.#closing) return false;
    for (let at = 0; at < bytes.byteLength; at += streamMaxChunkBytes) {
      const chunk = bytes.subarray(at, at + streamMaxChunkBytes);
      this.#queue.push(chunk);
      this.#queuedBytes += chunk.byteLength;
    }
    this.#flush(false);
    return this.#queuedBytes === 0;
  }

  onData(listener: (bytes: Uint8Array, done: () => void) => void): void {
    this.#dataListener = listener;
    for (let early = this.#unheard.shift(); early; early = this.#unheard.shift()) this.#deliver(early);
  }

  onDrain(listener: () => void): void {
    this.#drainListeners.add(listener);
  }

  onClose(listener: (reason: StreamCloseReason) => void): void {
    if (this.#closeReason !== undefined) listener(this.#closeReason);
    else this.#closeListeners.add(listener);
  }

  close(): void {
    if (this.#closed) return;
    if (this.#closing) return;
    this.#closing = true;
    if (this.#queuedBytes === 0) {
      this.destroy('normal');
      return;
    }
    const timeout = this.closeTimeout;
    if (timeout) this.#cancelTimer = timeout.schedule(() => this.destroy('normal'), timeout.ms);
  }

  destroy(reason: StreamCloseReason = 'normal', tell = true): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#cancelTimer?.();
    this.#queue.length = 0;
    this.#queuedBytes = 0;
    this.#unheard.length = 0;
    this.forget();
    if (tell) this.#sendFrame({ type: 'close', id: this.id, reason });
    this.#closeReason = reason;
    for (const listener of this.#closeListeners) listener(reason);
    this.#closeListeners.clear();
  }

  receive(frame: StreamFrame): void {
    if (this.#closed) return;
    if (frame.type === 'close') {
      this.destroy(frame.reason, false);
      return;
    }
    if (frame.type === 'ack') {
      if (frame.count > this.#inFlight) {
        this.#violation(`acked ${frame.count} bytes of ${this.#inFlight} in flight`);
        return;
      }
      this.#inFlight -= frame.count;
      this.#flush(this.#queuedBytes > 0);
      return;
    }
    this.#received += frame.bytes.byteLength;
    if (this.#received > streamWindowBytes) {
      this.#violation(`sent ${this.#received} bytes beyond its credit of ${streamWindowBytes}`);
      return;
    }
    if (this.#dataListener) this.#deliver(frame.bytes);
    else this.#unheard.push(frame.bytes);
  }

  #deliver(bytes: Uint8Array): void {
    let done = false;
    this.#dataListener?.(bytes, () => {
      if (done || this.#closed) return;
      done = true;
      this.#consumed += bytes.byteLength;
      // Acks are batched: a quarter of the window at a time, so a sender never waits for one
      // (it has three quarters left) and keystroke echoes do not each cost a frame back.
      // (The sender blocks only with a whole window in flight, so a quarter is always reached.)
      if (this.#consumed >= streamWindowBytes / 4) this.#ack();
    });
  }

  #ack(): void {
    const count = this.#consumed;
    this.#consumed = 0;
    this.#received -= count;
    this.#sendFrame({ type: 'ack', id: this.id, count });
  }

  /** Sends what the credit allows; `notify`: the writer was told to wait, tell it once all is sent. */
  #flush(notify: boolean): void {
    while (this.#queue.length > 0 && this.#inFlight < streamWindowBytes) {
      const room = streamWindowBytes - this.#inFlight;
      const head = this.#queue[0];
      if (head === undefined) break;
      const chunk = head.byteLength <= room ? head : head.subarray(0, room);
      if (chunk === head) this.#queue.shift();
      else this.#queue[0] = head.subarray(room);
      this.#queuedBytes -= chunk.byteLength;
      this.#inFlight += chunk.byteLength;
      this.#sendFrame({ type: 'data', id: this.id, bytes: chunk });
    }
    if (this.#queuedBytes > 0) return;
    if (this.#closing) {
      this.destroy('normal');
      return;
    }
    if (notify) for (const listener of this.#drainListeners) listener();
  }

  #violation(message: string): void {
    this.problem(`Stream ${this.id}: the peer ${message}; closed`);
    this.destroy('protocol');
  }

  #sendFrame(frame: StreamFrame): void {
    this.send(encodeStreamFrame(frame));
  }
}

/**
 * Electron: the channel on which the main process hands the window a stream's MessagePort (with
 * `{ streamId }`), and the key under which the preload passes it on to the page (window.postMessage,
 * the one way a port crosses the context bridge).
 */
export const ipcStreamPortChannel = 'stream:port';
export const streamPortMessageKey = 'jitStreamId';
