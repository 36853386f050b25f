// The watch on the server's message lengths (electron/plugins/postgresql/message-size.ts): it must
// follow message boundaries however the socket cuts the bytes, and stop at the first length over
// the bound, when only its header has come.

import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { messageTooLarge, watchMessageSizes } from '../../../../electron/plugins/postgresql/message-size';

/** A backend message: type byte, length counting itself, body. */
const message = (type: string, bodyBytes: number): Buffer => {
  const out = Buffer.alloc(5 + bodyBytes, 0x61);
  out.write(type, 0, 'latin1');
  out.writeUInt32BE(bodyBytes + 4, 1);
  return out;
};

/** Feeds `bytes` in chunks of `size` and answers the lengths reported as too large. */
function feed(bytes: Buffer, size: number, max: number): { reported: number[] } {
  const stream = new EventEmitter();
  const reported: number[] = [];
  watchMessageSizes(stream as unknown as Socket, max, (n) => reported.push(n));
  for (let at = 0; at < bytes.length; at += size) stream.emit('data', bytes.subarray(at, at + size));
  return { reported };
}

describe('watchMessageSizes', () => {
  const small = Buffer.concat([message('R', 8), message('S', 20), message('D', 100), message('Z', 1)]);

  it.each([1, 2, 3, 4, 5, 6, 7, 64, small.length])('follows messages cut in chunks of %i bytes', (size) => {
    expect(feed(small, size, 100).reported).toEqual([]);
  });

  it('a body exactly at the bound passes; one byte more is reported with its whole size', () => {
    expect(feed(message('D', 100), 7, 100).reported).toEqual([]);
    expect(feed(message('D', 101), 7, 100).reported).toEqual([106]);
  });

  it('reports at the header, before the body, and once', () => {
    const big = Buffer.concat([small, message('D', 1000), message('D', 2000)]);
    for (const size of [1, 3, 5, 40, big.length]) {
      expect(feed(big, size, 100).reported).toEqual([1005]);
    }
    // Cut right after the big message's header: the report comes with that chunk.
    const stream = new EventEmitter();
    const reported: number[] = [];
    watchMessageSizes(stream as unknown as Socket, 100, (n) => reported.push(n));
    stream.emit('data', Buffer.concat([small, message('D', 1000).subarray(0, 5)]));
    expect(reported).toEqual([1005]);
  });

  it('an empty body (length 4) and a length under 4 do not stall the count', () => {
    const odd = Buffer.from([0x49, 0, 0, 0, 4, 0x5a, 0, 0, 0, 5, 0x49]);
    expect(feed(Buffer.concat([odd, message('D', 10)]), 3, 100).reported).toEqual([]);
  });

  it('says the sizes in MiB', () => {
    expect(messageTooLarge(65 * 1024 * 1024 + 11, 64 * 1024 * 1024).message).toBe(
      'The server sent a row or message of 65.0 MiB, more than the 64.0 MiB this app reads at once: the connection was closed',
    );
  });
});
