/**
 * The filter bar's model: what the user picks and types, turned into the contract's filter on
 * Filter. Selects hold '' for "Any".
 */
import { operationFilterSchema, type OperationFilter } from '../../../shared/domain/operation';

export interface OperationsFilterDraft {
  status: string;
  kind: string;
  pluginId: string;
  text: string;
}

export type OperationsFilterErrors = Partial<Record<keyof OperationsFilterDraft, string>>;

export const emptyOperationsFilter: OperationsFilterDraft = { status: '', kind: '', pluginId: '', text: '' };

export type OperationsFilterResult =
  { ok: true; filter: OperationFilter } | { ok: false; errors: OperationsFilterErrors };

const isDraftKey = (key: PropertyKey | undefined): key is keyof OperationsFilterDraft =>
  typeof key === 'string' && key in emptyOperationsFilter;

export function toOperationsFilter(d: OperationsFilterDraft): OperationsFilterResult {
  // The schema is the contract's own, so a value the core would refuse is caught beside its field.
  const parsed = operationFilterSchema.safeParse({
    status: d.status || undefined,
    kind: d.kind || undefined,
    pluginId: d.pluginId || undefined,
    text: d.text.trim() || undefined,
  });
  if (parsed.success) return { ok: true, filter: parsed.data };
  const errors: OperationsFilterErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    if (isDraftKey(key)) errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** A key may be present with no value (the schema keeps `undefined`), which filters nothing. */
export const isFiltered = (filter: OperationFilter): boolean =>
  Object.values(filter).some((value: unknown) => value !== undefined);
