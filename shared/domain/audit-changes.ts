/**
 * What a save changed, field by field, for its audit entry: each field by its form's label, with
 * the value before and after when the field is not secret, "changed" (no value, no length, no hash)
 * when it is, and lists summarised ("added X; removed Y"). Each domain lists its fields once
 * (settings-changes.ts, device-changes.ts, credential-changes.ts, template-changes.ts): the list
 * gives the audit screens their labels too, and its test fails when a field has none.
 */
import type { AuditFieldChange } from './audit';

/** How a field's value reads: a list is compared and summarised item by item. */
export type Shown = string | number | boolean | null | readonly string[];

/** Names for the ids a record points at (a credential's device, a JIT template). */
export interface NameLookup {
  readonly device: (id: number) => string | undefined;
  readonly credential: (id: number) => string | undefined;
  readonly template: (id: number) => string | undefined;
}

export const noNames: NameLookup = {
  device: () => undefined,
  credential: () => undefined,
  template: () => undefined,
};

export interface AuditedField<T> {
  readonly path: string;
  /** As the form labels the field. */
  readonly label: string;
  /** Its value as shown; for a secret field, only compared (never shown). */
  readonly read?: (record: T, names: NameLookup) => Shown;
  /** A secret: recorded as "changed", never its value. */
  readonly secret?: boolean;
  /** A summary instead of the values (a template's content); undefined when nothing changed. */
  readonly summarise?: (before: T, after: T) => string | undefined;
}

/** At most this many fields per entry: the entry's `fields` still names every one. */
export const maxAuditChanges = 40;
/** A value longer than this many code points is cut (with "…"). */
export const maxShownLength = 120;
/** A list summary names at most this many items per side ("and 3 more"). */
const maxListedItems = 8;

/** Cut at a code point boundary, never inside a surrogate pair. */
export function cut(text: string, max = maxShownLength): string {
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

/** One line: a multi-line text (a description) reads on the detail view's single line. */
const oneLine = (text: string): string => text.replace(/\r?\n/g, ' ⏎ ');

export function shown(value: Exclude<Shown, readonly string[]>): string {
  if (value === null) return '(none)';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  const text = String(value);
  return text === '' ? '(empty)' : cut(oneLine(text));
}

/** "added a, b; removed c", each side bounded; undefined when both hold the same items. */
export function listDelta(before: readonly string[], after: readonly string[]): string | undefined {
  const added = after.filter((item) => !before.includes(item));
  const removed = before.filter((item) => !after.includes(item));
  const names = (items: readonly string[]): string => {
    const listed = items.slice(0, maxListedItems).map((item) => cut(oneLine(item), 40));
    const more = items.length - listed.length;
    return more > 0 ? `${listed.join(', ')} and ${more} more` : listed.join(', ');
  };
  const parts = [
    ...(added.length > 0 ? [`added ${names(added)}`] : []),
    ...(removed.length > 0 ? [`removed ${names(removed)}`] : []),
  ];
  if (parts.length > 0) return parts.join('; ');
  return before.join('\n') === after.join('\n') ? undefined : 'reordered';
}

const isList = (value: Shown): value is readonly string[] => Array.isArray(value);

function compare<T>(
  field: AuditedField<T>,
  before: T,
  after: T,
  names: NameLookup,
): AuditFieldChange | undefined {
  const { path, label } = field;
  if (field.summarise) {
    const note = field.summarise(before, after);
    return note === undefined ? undefined : { field: path, label, note };
  }
  if (!field.read) return undefined;
  const was = field.read(before, names);
  const now = field.read(after, names);
  if (isList(was) || isList(now)) {
    const note = listDelta(isList(was) ? was : [], isList(now) ? now : []);
    if (note === undefined) return undefined;
    return { field: path, label, note: field.secret ? 'changed' : note };
  }
  if (was === now) return undefined;
  return field.secret
    ? { field: path, label, note: 'changed' }
    : { field: path, label, before: shown(was), after: shown(now) };
}

/** The fields of `fields` that differ between `before` and `after`, in the list's order. */
export function fieldChanges<T>(
  fields: readonly AuditedField<T>[],
  before: T,
  after: T,
  names: NameLookup = noNames,
): AuditFieldChange[] {
  return fields.flatMap((field) => compare(field, before, after, names) ?? []);
}

/** Bounded for the log: at most maxAuditChanges (the rest are in the entry's field names). */
export const bounded = (changes: readonly AuditFieldChange[]): AuditFieldChange[] =>
  changes.slice(0, maxAuditChanges);

/** Each field's path and label, for the audit screens (labels of entries without values). */
export const labelsOf = <T>(fields: readonly AuditedField<T>[]): Readonly<Record<string, string>> =>
  Object.fromEntries(fields.map((f) => [f.path, f.label]));

/** "Address: a → b" or "Password: changed". */
export const describeChange = (c: AuditFieldChange): string =>
  c.note !== undefined ? `${c.label}: ${c.note}` : `${c.label}: ${c.before ?? ''} → ${c.after ?? ''}`;

/** "Username prefix: senseg → adm; Password length: 20 → 24". */
export const describeChanges = (changes: readonly AuditFieldChange[]): string =>
  changes.map(describeChange).join('; ');
