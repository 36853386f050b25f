import type { Socket } from 'node:net';

/** One hand-off of a socket's bytes to the system: a `_write` or a `_writev`, with chunk sizes. */
export interface Flush {
  readonly call: '_write' | '_writev';
  readonly sizes: number[];
}

/**
 * Records each hand-off of `socket`'s bytes to the system from now on (Node's internal `_write`
 * and `_writev`, wrapped on the instance): what packet-socket.ts is about.
 */
export function recordFlushes(socket: Socket): Flush[] {
  const flushes: Flush[] = [];
  const spied = socket as unknown as {
    _write: (chunk: Buffer, encoding: string, cb: () => void) => void;
    _writev: (chunks: { chunk: Buffer }[], cb: () => void) => void;
  };
  const write = spied._write.bind(socket);
  const writev = spied._writev.bind(socket);
  spied._write = (chunk, encoding, cb) => {
    flushes.push({ call: '_write', sizes: [chunk.length] });
    write(chunk, encoding, cb);
  };
  spied._writev = (chunks, cb) => {
    flushes.push({ call: '_writev', sizes: chunks.map((c) => c.chunk.length) });
    writev(chunks, cb);
  };
  return flushes;
}
