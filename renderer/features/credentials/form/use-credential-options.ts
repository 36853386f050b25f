/**
 * Credentials in short form for the Authentication credential picker: `credentials.options`,
 * searched on the core as the user types (see common/use-searched-options.ts).
 */
import type { CredentialOptions, CredentialOptionsQuery } from '../../../../shared/contract/credentials';
import { useSearchedOptions, type SearchedOptionsState } from '../../common/use-searched-options';

export type CredentialOptionsState = SearchedOptionsState<CredentialOptions>;

/** `query` undefined: ask nothing (the control is closed or disabled). */
export function useCredentialOptions(
  query: CredentialOptionsQuery | undefined,
  delayMs = 150,
): CredentialOptionsState {
  return useSearchedOptions('credentials.options', 'the credentials', query, delayMs);
}
