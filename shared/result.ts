import { z } from 'zod';

/**
 * Expected failures travel as values, never as thrown strings, so both transports carry them
 * unchanged and the renderer can put `message` beside `field`.
 */
export const errorCodes = [
  'invalid_input',
  'unknown_method',
  'unauthorized',
  'not_found',
  'conflict',
  'locked',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const failureSchema = z.object({
  ok: z.literal(false),
  code: z.enum(errorCodes),
  message: z.string(),
  /** Dotted path of the offending input field, when one field is to blame. */
  field: z.string().optional(),
});
export type Failure = z.infer<typeof failureSchema>;

export type Success<T> = { ok: true; value: T };
export type Result<T> = Success<T> | Failure;

export const ok = <T>(value: T): Success<T> => ({ ok: true, value });

export const fail = (code: ErrorCode, message: string, field?: string): Failure =>
  field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };

/** Turns zod's first issue into one failure that names the field, e.g. `jit.usernamePrefix`. */
export function failureFromZod(error: z.ZodError, prefix = ''): Failure {
  const issue = error.issues[0];
  if (!issue) return fail('invalid_input', 'Invalid input');
  const path = issue.path.map(String).join('.');
  const field = [prefix, path].filter(Boolean).join('.');
  return fail('invalid_input', field ? `${field}: ${issue.message}` : issue.message, field || undefined);
}
