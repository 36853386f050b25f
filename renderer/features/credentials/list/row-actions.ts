import type { CredentialRow } from '../../../../shared/contract/credentials';
import type { DeviceSummary } from './grid-rows';

/** The entries of a row's three-dots menu, in the vendor's order. */
export const rowActions = ['View password', 'Details', 'History', 'Edit', 'Clone', 'Delete'] as const;
export type RowAction = (typeof rowActions)[number];

/** The credential a menu or dialog acts on, with the device it belongs to (for labels). */
export interface RowTarget {
  readonly credential: CredentialRow;
  readonly device: DeviceSummary;
}

/** Why an action is not offered for this credential, or undefined when it is. */
export function actionBlocked(action: RowAction, target: RowTarget): string | undefined {
  const { credential } = target;
  if (!credential.deleted) {
    return action === 'View password' && !credential.hasPassword ? 'No password stored' : undefined;
  }
  // A deleted credential is kept for audit only: it can be looked at and cloned, not changed.
  if (action === 'Edit' || action === 'Delete') return 'Deleted: kept for audit';
  if (action === 'View password') return 'Deleted: kept for audit';
  return undefined;
}
