/**
 * Where a core failure belongs in a form. The core names the field by its path in the method's
 * input (`device.name` for `devices.save`), and zod failures repeat that path at the start of the
 * message (`device.name: Required`), which is noise once the message sits beside its field.
 */
import type { Failure } from '../../../shared/result';

export interface PlacedFailure {
  /** The path inside the edited object (`name`, `connectivity.0.port`), or undefined for the form. */
  field: string | undefined;
  message: string;
}

export function placeFailure(failure: Failure, wrapperKey?: string): PlacedFailure {
  const { field } = failure;
  if (field === undefined) return { field: undefined, message: failure.message };
  const prefix = `${field}: `;
  const message = failure.message.startsWith(prefix) ? failure.message.slice(prefix.length) : failure.message;
  if (wrapperKey === undefined) return { field, message };
  if (field === wrapperKey) return { field: undefined, message };
  return { field: field.startsWith(`${wrapperKey}.`) ? field.slice(wrapperKey.length + 1) : field, message };
}
