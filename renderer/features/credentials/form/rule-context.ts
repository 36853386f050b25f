import type { CredentialOption } from '../../../../shared/contract/credentials';
import type { RuleContext } from '../../../../shared/domain/rules/credential-rules';
import type { CredentialLookups } from './use-credential-lookups';

/**
 * The shared rules' view of what the dialog loaded. Of the credentials, the rules read only the
 * authentication credential, so `credentials` holds the ones the form knows (never every one).
 */
export function ruleContext(
  lookups: CredentialLookups,
  credentials: readonly CredentialOption[],
  selfId: number | null,
  selfHasPassword: boolean,
  /** Whether the credential being edited has a stored SSH key. */
  selfHasKey = false,
): RuleContext {
  return {
    selfId,
    selfHasPassword,
    selfHasKey,
    devices: lookups.devices,
    credentials,
    templates: lookups.templates,
  };
}
