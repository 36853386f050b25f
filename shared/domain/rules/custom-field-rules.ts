/**
 * The rules a list of custom fields must satisfy to be saved, defined once for the forms (errors
 * beside each row) and the core (whose verdict counts).
 */
import { customFieldNameProblem, type CustomFieldInput } from '../custom-fields';
import type { FieldError } from './credential-rules';

/**
 * Errors of each row, at `customFields.<index>.name` or `.value`. `storedSecrets` are the secret
 * fields the record already has: only those may be saved with an empty value (keep what the vault
 * holds, or nothing for one imported without its value: the form warns, a run refuses its tag).
 * A text field needs a value: a tag without one would stop every run that uses it.
 */
export function customFieldErrors(
  fields: readonly CustomFieldInput[],
  storedSecrets: ReadonlySet<string>,
): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  fields.forEach((field, index) => {
    const at = `customFields.${index}`;
    const name = field.name.trim();
    const nameProblem = customFieldNameProblem(name);
    if (nameProblem !== undefined) errors.push({ field: `${at}.name`, message: nameProblem });
    else if (seen.has(name)) errors.push({ field: `${at}.name`, message: `${name} is used twice` });
    seen.add(name);
    if (field.value === '' && (field.kind === 'text' || !storedSecrets.has(name)))
      errors.push({ field: `${at}.value`, message: 'Required' });
  });
  return errors;
}
