/**
 * The TCP socket under an ssh2 connection, with a packet's pieces written together.
 *
 * ssh2 hands its socket each sealed packet in pieces, one `write` each: with AES-GCM, the length,
 * the ciphertext and the tag. With Nagle off (what a terminal needs), every write is a system call
 * and a TCP segment of its own, and the server is woken for each: three per keystroke, where
 * OpenSSH's client sends one. Corked from the first write of a tick to its end, they go out as one
 * `writev`. The tick ends before any I/O is read again, so nothing waits on a timer.
 */
import type { Socket } from 'node:net';

/**
 * Makes `socket` cork its writes until the end of the tick. Call it after `socket.connect()`:
 * Node's connect puts the prototype's `write` back on the socket (as it does once the peer has
 * half-closed, when nothing more is to be written). `end()` uncorks and sends what is corked; a
 * `destroy()` in the same tick drops it, which is what a destroy is for (a cancel, a timeout).
 */
export function coalescePacketWrites(socket: Socket): void {
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  socket.write = (...args: unknown[]): boolean => {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    return write(...args);
  };
}
