import { z } from 'zod';
import { defineMethods } from './define';

/** A terminal's size in character cells (what xterm's fit computes; sshd is told the same). */
export const terminalSizeSchema = z.object({
  cols: z.number().int().min(2).max(1000),
  rows: z.number().int().min(1).max(500),
});
export type TerminalSize = z.infer<typeof terminalSizeSchema>;

/** A stream id, as `terminal.open` answered it to this connection (streams.ts). */
export const streamIdSchema = z.number().int().min(1).max(0xffffffff);

export const terminalMethods = defineMethods({
  'terminal.open': {
    summary:
      "Open the terminal of an Active SSH session, logged in as its account (the core injects the password or key): answers with the stream that carries the terminal's bytes both ways",
    input: z.object({ sessionId: z.string().min(1).max(64), size: terminalSizeSchema }),
    output: z.object({ streamId: streamIdSchema }),
  },
  'terminal.resize': {
    summary: "Tell the target the terminal's new size (a stream this connection opened)",
    input: z.object({ streamId: streamIdSchema, size: terminalSizeSchema }),
    output: z.object({}),
  },
});
