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

/** A session's terminal transcript is read a page at a time: 16 MiB at once would freeze a page. */
export const terminalTranscriptPageBytes = 256 * 1024;

/** One line of a terminal transcript: output (as text, escapes removed), a typed line, or a note. */
export const terminalTranscriptEntrySchema = z.object({
  at: z.string(),
  /** `hidden`: something typed at a password prompt, never kept; `note`: e.g. "transcript truncated". */
  kind: z.enum(['output', 'input', 'hidden', 'note']),
  text: z.string(),
});
export type TerminalTranscriptEntry = z.infer<typeof terminalTranscriptEntrySchema>;

export const terminalTranscriptPageSchema = z.object({
  entries: z.array(terminalTranscriptEntrySchema),
  /** Where this page starts and the next begins (null: none yet), in bytes of the transcript. */
  offset: z.number().int().min(0),
  nextOffset: z.number().int().min(0).nullable(),
  /** The transcript's size in bytes, for "page n of m". */
  size: z.number().int().min(0),
});
export type TerminalTranscriptPage = z.infer<typeof terminalTranscriptPageSchema>;

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
  'terminal.transcript': {
    summary:
      "A page of an SSH session's terminal transcript (output and typed lines, secrets masked, nothing typed at a password prompt), from a byte offset a previous page answered",
    input: z.object({
      sessionId: z.string().min(1).max(64),
      offset: z.number().int().min(0).default(0),
    }),
    output: terminalTranscriptPageSchema,
  },
});
