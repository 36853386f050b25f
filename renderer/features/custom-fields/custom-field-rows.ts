/**
 * The "Custom fields" section's model, shared by the Credential and Device forms: rows as typed,
 * turned into the contract's input on Save and checked with the shared rules, errors per row.
 * A secret row never holds a stored value: `stored` says the record has the field, so an empty
 * value keeps what the vault holds, and `hasValue` whether it holds one (an import without secrets
 * leaves none: the form warns, Save still goes ahead).
 */
import type {
  CustomFieldInput,
  CustomFieldKind,
  CustomFieldView,
} from '../../../shared/domain/custom-fields';
import { customFieldErrors } from '../../../shared/domain/rules/custom-field-rules';

export interface CustomFieldRow {
  /** Stable React key: rows are added and removed in any order. */
  readonly key: number;
  readonly name: string;
  readonly kind: CustomFieldKind;
  /** A text value as stored, or a secret value typed in this form (empty: keep the stored one). */
  readonly value: string;
  /** The record has this secret field: an empty value keeps what is stored (the rules allow it). */
  readonly stored: boolean;
  /** The vault holds a value for the stored field: "leave empty to keep", or a warning if not. */
  readonly hasValue: boolean;
}

/**
 * The hint under a secret row's value. A stored field with no value (imported without secrets)
 * may still be saved empty, as the import allowed it: a run using its tag refuses it by name, so
 * the form only warns.
 */
export function secretHint(row: CustomFieldRow): { text: string; warn: boolean } | undefined {
  if (row.kind !== 'secret') return undefined;
  if (!row.stored || row.value !== '') return { text: 'Secret: not shown again after Save', warn: false };
  if (row.hasValue) return { text: 'Secret stored: leave empty to keep it', warn: false };
  const tag = `[#${row.name.trim()}#]`;
  return { text: `No value stored: type one (a run using ${tag} is refused until then)`, warn: true };
}

/** Errors by `customFields.<row>.name|value`, as the shared rules and the core name them. */
export type CustomFieldErrors = Record<string, string>;

let rowKeySeq = 0;
const nextKey = (): number => ++rowKeySeq;

export const rowsFrom = (fields: readonly CustomFieldView[]): CustomFieldRow[] =>
  fields.map((f) => ({
    key: nextKey(),
    name: f.name,
    kind: f.kind,
    value: f.value,
    stored: f.kind === 'secret',
    hasValue: f.kind === 'secret' && f.hasValue,
  }));

export const newRow = (): CustomFieldRow => ({
  key: nextKey(),
  name: '',
  kind: 'text',
  value: '',
  stored: false,
  hasValue: false,
});

export const inputOf = (rows: readonly CustomFieldRow[]): CustomFieldInput[] =>
  rows.map((r) => ({ name: r.name.trim(), kind: r.kind, value: r.value }));

/** The shared rules on the rows: a kept secret needs its name unchanged and still secret. */
export function rowErrors(rows: readonly CustomFieldRow[]): CustomFieldErrors {
  const stored = new Set(rows.filter((r) => r.stored && r.kind === 'secret').map((r) => r.name.trim()));
  const errors: CustomFieldErrors = {};
  for (const error of customFieldErrors(inputOf(rows), stored)) errors[error.field] ??= error.message;
  return errors;
}

/** A core or schema path (`credential.customFields.2.value`) as the row error key, if it is one. */
export function rowErrorKey(path: string): string | undefined {
  const match = /(?:^|\.)(customFields\.\d+\.(?:name|value|kind))$/.exec(path);
  return match?.[1];
}

/** Whether two row lists hold the same values (for "discard changes?"). */
export const sameRows = (a: readonly CustomFieldRow[], b: readonly CustomFieldRow[]): boolean =>
  a.length === b.length &&
  a.every((r, i) => {
    const o = b[i];
    return r.name === o?.name && r.kind === o.kind && r.value === o.value;
  });
