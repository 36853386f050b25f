import type { Socket } from 'node:net';

/**
 * The largest message the server may send: one row (a DataRow holds the whole row), one notice.
 * Far above what a console shows (sqlConsoleResultTextBudget) or a template reads, and far below
 * the 512 MiB where decoding it as one string throws inside pg's parser, an exception no caller
 * can catch: one `select repeat('x', 600000000)` would otherwise stop the core.
 */
export const maxServerMessageBytes = 64 * 1024 * 1024;

/** Every backend message: a type byte, then a length (4 bytes, big-endian) counting itself. */
const headerBytes = 5;

/**
 * Reads the lengths of the messages the server sends, ahead of pg's own parser, and calls `stop`
 * (once) at the first length over `max`, when only its header has arrived, or under 4 (a length
 * counts itself: less is no message, and pg would read on from another place than this watch,
 * where a large row could pass unseen). The caller then closes the socket before pg gathers it.
 */
export function watchMessageSizes(stream: Socket, max: number, stop: (problem: Error) => void): void {
  const header = Buffer.alloc(headerBytes);
  let headerFill = 0;
  /** Bytes of the current message's body still to come. */
  let remaining = 0;
  let stopped = false;
  const watch = (chunk: Buffer): void => {
    let at = 0;
    while (!stopped && at < chunk.length) {
      if (remaining > 0) {
        const skip = Math.min(remaining, chunk.length - at);
        remaining -= skip;
        at += skip;
        continue;
      }
      const take = Math.min(headerBytes - headerFill, chunk.length - at);
      chunk.copy(header, headerFill, at, at + take);
      headerFill += take;
      at += take;
      if (headerFill < headerBytes) return;
      headerFill = 0;
      const length = header.readUInt32BE(1);
      const body = length - 4;
      if (length < 4 || body > max) {
        stopped = true;
        stream.off('data', watch);
        stop(length < 4 ? malformedMessage(length) : messageTooLarge(body + headerBytes, max));
        return;
      }
      remaining = body;
    }
  };
  stream.prependListener('data', watch);
}

/** The error the connection ends with when the server sent a length that is no message's. */
export function malformedMessage(length: number): Error {
  return new Error(
    `The server sent a message length of ${length}, which no message has: the connection was closed`,
  );
}

/** The error the connection ends with when the server sent such a message. */
export function messageTooLarge(bytes: number, max: number): Error {
  const mib = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return new Error(
    `The server sent a row or message of ${mib(bytes)} MiB, more than the ${mib(max)} MiB this app reads at once: the connection was closed`,
  );
}
