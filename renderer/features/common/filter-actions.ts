/**
 * What Filter and Clear do in a filter bar whose draft is checked before it is sent (see
 * `useValidatedFilter` in FilterBar.tsx), apart from React so a test can drive them.
 */

/** What a draft's check answers: the filter to send, or an error per field. */
export type CheckedFilter<F, E> = { ok: true; filter: F } | { ok: false; errors: E };

export interface ValidatedFilterOptions<D, E, F> {
  /** Checks the draft and turns it into the filter the core takes. */
  check: (draft: D) => CheckedFilter<F, E>;
  /** What Clear puts back: the draft of no filter. */
  empty: D;
  /** Sends the filter (Clear sends `{}`, the unfiltered list). */
  onApply: (filter: F | Record<string, never>) => void;
}

/**
 * Filter sends the draft only when its
 * check passes (else each error goes beside its field, and errors left from an earlier try go);
 * Clear empties the draft and its errors and sends the unfiltered list.
 */
export function filterActions<D, E, F>(
  { check, empty, onApply }: ValidatedFilterOptions<D, E, F>,
  setDraft: (draft: D) => void,
  setErrors: (errors: E | Record<string, never>) => void,
) {
  return {
    apply: (draft: D) => {
      const result = check(draft);
      if (!result.ok) {
        setErrors(result.errors);
        return;
      }
      setErrors({});
      onApply(result.filter);
    },
    clear: () => {
      setDraft(empty);
      setErrors({});
      onApply({});
    },
  };
}
