/**
 * Credentials in short form for a searched drop-down: `credentials.options` answers a search with
 * one bounded page, so the control asks again as the user types, `delayMs` after the last change
 * (not on every keystroke). Follows use-credential-lookups.ts: one call per query from an effect,
 * a late answer to an older query ignored, nothing kept in a store.
 */
import { useEffect, useState } from 'react';
import type { CredentialOptions, CredentialOptionsQuery } from '../../../../shared/contract/credentials';
import { api } from '../../../api/client';
import { failureText } from '../failure-text';

export type CredentialOptionsState =
  | { status: 'idle' }
  /** `previous`: the last answer, still worth showing while the next one comes. */
  | { status: 'loading'; previous: CredentialOptions | undefined }
  | { status: 'error'; message: string }
  | { status: 'ready'; options: CredentialOptions };

/** `query` undefined: ask nothing (the control is closed or disabled). */
export function useCredentialOptions(
  query: CredentialOptionsQuery | undefined,
  delayMs = 150,
): CredentialOptionsState {
  const [state, setState] = useState<CredentialOptionsState>({ status: 'idle' });
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
      void api.call('credentials.options', JSON.parse(key) as CredentialOptionsQuery).then((result) => {
        if (!current) return;
        setState(
          result.ok
            ? { status: 'ready', options: result.value }
            : { status: 'error', message: `Could not load the credentials: ${failureText(result)}` },
        );
      });
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, delayMs]);
  return state;
}
