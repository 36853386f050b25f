/**
 * The Remote sessions filter bar's model: what the user picks and types, turned into the
 * contract's filter on Filter. Selects hold '' for "Any".
 */
import { sessionFilterSchema, type SessionFilter } from '../../../shared/domain/session';

export interface SessionsFilterDraft {
  /** '' (any), 'live' (not over yet), or one state. */
  state: string;
  text: string;
}

export type SessionsFilterErrors = Partial<Record<keyof SessionsFilterDraft, string>>;

export const emptySessionsFilter: SessionsFilterDraft = { state: '', text: '' };

export type SessionsFilterResult =
  { ok: true; filter: SessionFilter } | { ok: false; errors: SessionsFilterErrors };

/** The Status choice that means "every state not over yet". */
export const liveChoice = 'live';

export function toSessionsFilter(d: SessionsFilterDraft): SessionsFilterResult {
  // The schema is the contract's own, so a value the core would refuse is caught beside its field.
  const parsed = sessionFilterSchema.safeParse({
    live: d.state === liveChoice ? true : undefined,
    state: d.state === '' || d.state === liveChoice ? undefined : d.state,
    text: d.text.trim() || undefined,
  });
  if (parsed.success) return { ok: true, filter: parsed.data };
  const errors: SessionsFilterErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    if (key === 'text') errors.text ??= issue.message;
    else errors.state ??= issue.message;
  }
  return { ok: false, errors };
}

/** A key may be present with no value (the schema keeps `undefined`), which filters nothing. */
export const isSessionsFiltered = (filter: SessionFilter): boolean =>
  Object.values(filter).some((value: unknown) => value !== undefined);
