import type { CredentialJit } from '../../../../shared/domain/credential';
import type { CredentialDraft, ErrorSlot, FieldErrors } from './credential-draft';

/** How a tab changes the draft: one field at a time, clearing that field's error. */
export type EditDraft = <K extends keyof CredentialDraft>(
  key: K,
  value: CredentialDraft[K],
  slot?: ErrorSlot,
) => void;
export type EditJit = (patch: Partial<CredentialJit>, slots: readonly ErrorSlot[]) => void;

export interface TabProps {
  draft: CredentialDraft;
  errors: FieldErrors;
  edit: EditDraft;
  editJit: EditJit;
  /** While saving, every control is read-only. */
  disabled: boolean;
}
