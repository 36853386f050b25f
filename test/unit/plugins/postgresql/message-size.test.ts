// The watch on the server's message lengths (electron/plugins/postgresql/message-size.ts): it must
// follow message boundaries however the socket cuts the bytes, and stop at the first length over
// the bound, when only its header has come.

import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  malformedMessage,
  messageTooLarge,
  watchMessageSizes,
} from '../../../../electron/plugins/postgresql/message-size';

/** A backend message: type byte, length counting itself, body. */
const message = (type: string, bodyBytes: number): Buffer => {
  const out = Buffer.alloc(5 + bodyBytes, 0x61);
  out.write(type, 0, 'latin1');
  out.writeUInt32BE(bodyBytes + 4, 1);
  return out;
};

/** Feeds `bytes` in chunks of `size` and answers the lengths reported as too large. */
function feed(bytes: Buffer, size: number, max: number): { reported: string[] } {
  const stream = new EventEmitter();
  const reported: string[] = [];
  watchMessageSizes(stream as unknown as Socket, max, (problem) => reported.push(problem.message));
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
    expect(feed(message('D', 101), 7, 100).reported).toEqual([messageTooLarge(106, 100).message]);
  });

  it('reports at the header, before the body, and once', () => {
    const big = Buffer.concat([small, message('D', 1000), message('D', 2000)]);
    for (const size of [1, 3, 5, 40, big.length]) {
      expect(feed(big, size, 100).reported).toEqual([messageTooLarge(1005, 100).message]);
    }
    // Cut right after the big message's header: the report comes with that chunk.
    const stream = new EventEmitter();
    const reported: Error[] = [];
    watchMessageSizes(stream as unknown as Socket, 100, (problem) => reported.push(problem));
    stream.emit('data', Buffer.concat([small, message('D', 1000).subarray(0, 5)]));
    expect(reported.map((e) => e.message)).toEqual([messageTooLarge(1005, 100).message]);
  });

  it('an empty body (length 4) is a message; a length under 4 is none, and stops at once', () => {
    expect(feed(Buffer.concat([message('I', 0), message('D', 10)]), 3, 100).reported).toEqual([]);
    // A length of 1: pg would read on 1 byte later than a watch that skipped 5, and a large row
    // could then pass where the watch reads the body of another message.
    for (const length of [0, 1, 2, 3]) {
      const odd = Buffer.from([0x5a, 0, 0, 0, length, 0x44, 0x40, 0, 0, 0]);
      expect(feed(Buffer.concat([odd, message('D', 10)]), 2, 100).reported).toEqual([
        malformedMessage(length).message,
      ]);
    }
  });

  it('says the sizes in MiB', () => {
    expect(messageTooLarge(65 * 1024 * 1024 + 11, 64 * 1024 * 1024).message).toBe(
      'The server sent a row or message of 65.0 MiB, more than the 64.0 MiB this app reads at once: the connection was closed',
    );
  });
});
