/**
 * The browser host's WebSocket framing. One JSON object per message.
 *  client -> core : { id, method, input }
 *  core -> client : { id, result }          (result is a Result, failures included)
 *                   { event, payload }      (push events)
 */
import { z } from 'zod';
import { failureSchema } from '../result';

export const wireRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.string().min(1).max(200),
  input: z.unknown().optional(),
});
export type WireRequest = z.infer<typeof wireRequestSchema>;

export const wireResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  failureSchema,
]);

export const wireResponseSchema = z.object({ id: z.number().int(), result: wireResultSchema });
export const wireEventSchema = z.object({ event: z.string(), payload: z.unknown() });
export const wireServerMessageSchema = z.union([wireResponseSchema, wireEventSchema]);
export type WireServerMessage = z.infer<typeof wireServerMessageSchema>;

/** The WebSocket path and the query parameter that carries the per-launch token. */
export const wirePath = '/rpc';
export const wireTokenParam = 'token';
/** Largest accepted message: a bundle import (up to 64 MiB of JSON, escaped once more in the frame). */
export const wireMaxPayloadBytes = 128 * 1024 * 1024;
/**
 * The close code of a connection the host dropped because it fell too far behind reading what was
 * sent to it (1013, "Try Again Later"): the page missed events, so it reloads to see current data.
 */
export const wireCloseFellBehind = 1013;
