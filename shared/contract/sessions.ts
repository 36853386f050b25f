import { z } from 'zod';
import { idSchema, plainText } from '../domain/common';
import { sessionFilterSchema, sessionPluginIdSchema, sessionSchema } from '../domain/session';
import { defineEvents, defineMethods } from './define';

/**
 * Force close needs a reason a reviewer can read in the audit log: text only (line breaks and tabs
 * allowed), never an escape sequence or a bidi override that would make the log read otherwise.
 */
export const forceCloseReasonSchema = plainText(500, 'The reason', { multiline: true })
  .transform((s) => s.trim())
  .pipe(z.string().min(10, 'Say why, in at least 10 characters: it goes to the audit log'));

export const sessionsMethods = defineMethods({
  'sessions.start': {
    summary:
      'Start a session for a credential (JIT; or plain, with its stored secret, for a credential without JIT): answers at once with the session (Requested); progress arrives as sessions.changed events',
    input: z.object({
      credentialId: idSchema,
      /**
       * A plain session's protocol, when its device lists several (SSH, PostgreSQL, MySQL); the
       * default (plainSessionPlugin) when absent. Refused for a JIT credential (its templates say).
       */
      pluginId: sessionPluginIdSchema.optional(),
    }),
    output: sessionSchema,
  },
  'sessions.end': {
    summary:
      'End a session: its account is disabled or removed, and verified; answers once that is recorded (Ended or Needs attention), or after 30 s with Ending while the cleanup retries',
    input: z.object({ id: z.string().min(1).max(64) }),
    output: sessionSchema,
  },
  'sessions.list': {
    summary: 'Sessions, newest first, filtered (live and finished)',
    input: z.object({
      filter: sessionFilterSchema.default({}),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ total: z.number().int(), sessions: z.array(sessionSchema) }),
  },
  'sessions.get': {
    summary: 'One session',
    input: z.object({ id: z.string().min(1).max(64) }),
    output: sessionSchema,
  },
  'sessions.attach': {
    summary:
      "Mark the caller's view of a session: answers a stream that carries nothing. Closed by the view (Leave), the session goes on; closed with its connection (the tab or window closed), the session ends unless a view comes back within 15 s (a reload)",
    input: z.object({ id: z.string().min(1).max(64) }),
    output: z.object({ streamId: z.number().int().positive() }),
  },
  'sessions.forceClose': {
    summary:
      'Drop a session that needs attention without cleanup (the account may remain on the target); the reason is audited',
    input: z.object({ id: z.string().min(1).max(64), reason: forceCloseReasonSchema }),
    output: sessionSchema,
  },
});

export const sessionsEvents = defineEvents({
  'sessions.changed': sessionSchema,
});
