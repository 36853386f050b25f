import { fail, ok, type ErrorCode, type FieldProblem, type Result } from '../../shared/result';
import { VaultLockedError } from '../vault/secret-vault';

/**
 * An expected refusal from a service (a broken rule, a name in use, a missing record). Services
 * throw it so their methods return plain values; handlers turn it into a `Failure` with
 * `toResult`. Its message is shown to the user, so it never carries a secret.
 */
export class ServiceError extends Error {
  override name = 'ServiceError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Every field to blame when a check found several (the form marks them all at once). */
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: number): ServiceError =>
  new ServiceError('not_found', `${what} ${id} does not exist`);

/**
 * Runs a service call and maps its expected errors to failures. Anything else is rethrown: the
 * dispatcher logs it and answers with a generic `internal` failure, so an unexpected exception's
 * text (which might hold a secret) never reaches the renderer.
 *
 * Services name fields inside the record they edit (`name`, `jit.enableTemplateId`); a failure
 * names them by their path in the method's input, as zod failures do, so `fieldPath` maps one to
 * the other (e.g. `name` to `device.name` for `devices.save`).
 */
export async function toResult<T>(
  run: () => T | Promise<T>,
  fieldPath: (field: string) => string = (field) => field,
): Promise<Result<T>> {
  try {
    return ok(await run());
  } catch (error) {
    if (error instanceof ServiceError) {
      return fail(
        error.code,
        error.message,
        error.field === undefined ? undefined : fieldPath(error.field),
        error.problems.map((p) => ({ field: fieldPath(p.field), message: p.message })),
      );
    }
    if (error instanceof VaultLockedError) return fail('locked', error.message);
    throw error;
  }
}

/** `name` becomes `<key>.name`, except fields that sit beside `<key>` in the input. */
export const inside =
  (key: string, besides: readonly string[] = []) =>
  (field: string): string =>
    besides.includes(field) ? field : `${key}.${field}`;
