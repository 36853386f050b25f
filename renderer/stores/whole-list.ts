/**
 * A list the core sends whole (devices, templates): its load, where only the latest request counts,
 * and a saved row's place in it, the one the core's list gives it (by name, then id).
 */
import type { Id } from '../../shared/domain/common';
import { byNameThenId } from '../../shared/domain/names';
import type { Result } from '../../shared/result';
import { latestRequest } from './latest-request';

/** What a store of a whole list says about its load, beside the list under `K`. */
export type WholeListState<K extends string, T> = {
  /** False until the first list arrives, so screens can tell "loading" from "nothing yet". */
  loaded: boolean;
  loading: boolean;
  loadError: string | undefined;
} & Record<K, T[]>;

/**
 * The store's `load`: asks for the list and puts it under `key`. Answers can arrive out of order
 * when events come in bursts: an answer to an older request is dropped, success or failure.
 */
export function wholeListLoad<K extends string, T>(
  key: K,
  fetch: () => Promise<Result<T[]>>,
  set: (partial: Partial<WholeListState<K, T>>) => void,
): () => Promise<void> {
  const loads = latestRequest();
  return async () => {
    const isLatest = loads.begin();
    set({ loading: true, loadError: undefined } as Partial<WholeListState<K, T>>);
    const result = await fetch();
    if (!isLatest()) return;
    // (A computed key's object is typed by string keys: the cast names the one key it is.)
    if (result.ok)
      set({ [key]: result.value, loaded: true, loading: false } as Partial<WholeListState<K, T>>);
    else set({ loading: false, loadError: result.message } as Partial<WholeListState<K, T>>);
  };
}

/** The list with `saved` in place of its old self (or added), ordered as the core orders it. */
export function placeByName<T extends { id: Id; name: string }>(list: readonly T[], saved: T): T[] {
  return [...list.filter((row) => row.id !== saved.id), saved].sort(byNameThenId);
}
