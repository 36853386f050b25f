import { bundleSecretFieldValueSchema } from '../../../shared/domain/bundle';
import type { CustomField } from '../../../shared/domain/custom-fields';
import type { OpenedFieldValues } from './secrets';
import type { ProblemList } from './problems';

/** Which kind of record owns the fields: the section of the file, and of the sealed values. */
export type FieldOwnerSection = 'devices' | 'credentials';

/** One record's secret custom field values, checked, and the fields the bundle holds no value for. */
export interface SecretFieldValues {
  /** Field name → value, for the import to seal in the vault as a form's Save does. */
  readonly values: ReadonlyMap<string, string>;
  /** `API_KEY of web-01`: named in the record without a value (imported empty, to set by hand). */
  readonly leftOut: readonly string[];
}

export const noSecretFieldValues: SecretFieldValues = { values: new Map(), leftOut: [] };

/** Inside the sealed `secrets`: owner ref and field name, each quoted (both are free text there). */
export const secretFieldPath = (section: FieldOwnerSection, ref: string, name?: string): string =>
  `secrets.customFields.${section}[${JSON.stringify(ref)}]${name === undefined ? '' : `[${JSON.stringify(name)}]`}`;

/**
 * The sealed values of one record's secret custom fields, each checked as the form checks a
 * secret value (custom-fields.ts: its length and characters; a new field needs one, so an empty
 * one is refused). `owner` names the record in messages (`devices[0] ("web-01")`), `label` in the
 * left-out list (`web-01`, `root @ web-01`). Messages name the field and the rule, never a
 * character of the value.
 */
export function checkSecretFields(
  fields: readonly CustomField[],
  sealed: ReadonlyMap<string, unknown> | undefined,
  where: {
    readonly section: FieldOwnerSection;
    readonly ref: string;
    readonly owner: string;
    readonly label: string;
  },
  problems: ProblemList,
): SecretFieldValues {
  const values = new Map<string, string>();
  const leftOut: string[] = [];
  const secretNames = new Set<string>();
  for (const field of fields) {
    if (field.kind !== 'secret') continue;
    secretNames.add(field.name);
    const value = sealed?.get(field.name);
    if (value === undefined) {
      leftOut.push(`${field.name} of ${where.label}`);
      continue;
    }
    const path = secretFieldPath(where.section, where.ref, field.name);
    const what = `The secret custom field ${field.name} of ${where.owner}`;
    const parsed = bundleSecretFieldValueSchema.safeParse(value);
    if (!parsed.success) {
      // Only the issue's message ("At most 256 characters", "expected string"): never its input.
      for (const issue of parsed.error.issues) problems.add(path, `${what}: ${issue.message}`);
    } else if (parsed.data === '') problems.add(path, `${what} is empty`);
    else values.set(field.name, parsed.data);
  }
  for (const name of sealed?.keys() ?? []) {
    if (!secretNames.has(name))
      problems.add(
        secretFieldPath(where.section, where.ref, name),
        `A value for ${JSON.stringify(name)}, which is not a secret custom field of ${where.owner}`,
      );
  }
  return { values, leftOut };
}

/** Sealed values for a ref that no record of the section has. */
export function checkFieldOwners(
  sealed: OpenedFieldValues,
  section: FieldOwnerSection,
  hasRef: (ref: string) => boolean,
  problems: ProblemList,
): void {
  const kind = section === 'devices' ? 'device' : 'credential';
  for (const ref of sealed.keys()) {
    if (!hasRef(ref))
      problems.add(
        secretFieldPath(section, ref),
        `Secret custom field values for "${ref}", which is not a ${kind} of this bundle`,
      );
  }
}
