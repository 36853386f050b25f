import type { RuleContext } from '../../../../shared/domain/rules/credential-rules';
import type { CredentialLookups } from './use-credential-lookups';

/** The shared rules' view of the lists the dialog loaded. */
export function ruleContext(
  lookups: CredentialLookups,
  selfId: number | null,
  selfHasPassword: boolean,
): RuleContext {
  return {
    selfId,
    selfHasPassword,
    devices: lookups.devices,
    credentials: lookups.credentials,
    templates: lookups.templates,
  };
}
