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

/** One field to blame: its dotted path in the method's input, and why. */
export const fieldProblemSchema = z.object({ field: z.string(), message: z.string() });
export type FieldProblem = z.infer<typeof fieldProblemSchema>;

export const failureSchema = z.object({
  ok: z.literal(false),
  code: z.enum(errorCodes),
  message: z.string(),
  /** Dotted path of the offending input field, when a field is to blame (the first, if several). */
  field: z.string().optional(),
  /** Every field to blame, when more than one is, so a form can mark them all after one Save. */
  problems: z.array(fieldProblemSchema).optional(),
});
export type Failure = z.infer<typeof failureSchema>;

export type Success<T> = { ok: true; value: T };
export type Result<T> = Success<T> | Failure;

export const ok = <T>(value: T): Success<T> => ({ ok: true, value });

export function fail(
  code: ErrorCode,
  message: string,
  field?: string,
  problems: readonly FieldProblem[] = [],
): Failure {
  const failure: Failure =
    field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };
  return problems.length > 1 ? { ...failure, problems: [...problems] } : failure;
}

/**
 * Turns zod's issues into one failure: the message and `field` of the first (e.g.
 * `jit.usernamePrefix`), and every field's issue in `problems` when there are several.
 */
export function failureFromZod(error: z.ZodError, prefix = ''): Failure {
  const issue = error.issues[0];
  if (!issue) return fail('invalid_input', 'Invalid input');
  const fieldOf = (path: readonly PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join('.');
  const field = fieldOf(issue.path);
  const problems = error.issues
    .map((i) => ({ field: fieldOf(i.path), message: i.message }))
    .filter((p) => p.field !== '');
  return fail(
    'invalid_input',
    field ? `${field}: ${issue.message}` : issue.message,
    field || undefined,
    problems,
  );
}
