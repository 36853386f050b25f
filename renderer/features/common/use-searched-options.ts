/**
 * Options for a searched picker: the core answers a search with one bounded page, so the control
 * asks again as the user types, `delayMs` after the last change (not on every keystroke). One call
 * per query from an effect, a late answer to an older query ignored, nothing kept in a store.
 * Shared by the Authentication credential picker and the device pickers.
 */
import { useEffect, useState } from 'react';
import type { MethodInput, MethodOutput } from '../../../shared/contract';
import { api } from '../../api/client';
import { failureText } from '../credentials/failure-text';

/** The look-ups that answer a search with `{ total, rows }`. */
export type SearchMethod = 'credentials.options' | 'devices.options';

export type SearchedOptionsState<T> =
  | { status: 'idle' }
  /** `previous`: the last answer, still worth showing while the next one comes. */
  | { status: 'loading'; previous: T | undefined }
  | { status: 'error'; message: string }
  | { status: 'ready'; options: T };

/** `query` undefined: ask nothing (the control is closed or disabled). `what`: "the devices". */
export function useSearchedOptions<M extends SearchMethod>(
  method: M,
  what: string,
  query: MethodInput<M> | undefined,
  delayMs = 150,
): SearchedOptionsState<MethodOutput<M>> {
  const [state, setState] = useState<SearchedOptionsState<MethodOutput<M>>>({ status: 'idle' });
  // A key, not the object: callers build a new query on every render.
  const key = query === undefined ? undefined : JSON.stringify(query);
  useEffect(() => {
    if (key === undefined) {
      setState({ status: 'idle' });
      return;
    }
    let current = true;
    setState((s) => ({
      status: 'loading',
      previous: s.status === 'ready' ? s.options : s.status === 'loading' ? s.previous : undefined,
    }));
    const timer = setTimeout(() => {
      void api.call(method, JSON.parse(key) as MethodInput<M>).then((result) => {
        if (!current) return;
        setState(
          result.ok
            ? { status: 'ready', options: result.value }
            : { status: 'error', message: `Could not load ${what}: ${failureText(result)}` },
        );
      });
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [method, what, key, delayMs]);
  return state;
}
