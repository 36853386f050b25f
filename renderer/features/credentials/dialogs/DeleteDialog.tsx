import { api } from '../../../api/client';
import { ConfirmDeleteDialog } from '../../common/ConfirmDeleteDialog';
import { failureText } from '../failure-text';
import { credentialLabel } from '../list/grid-rows';
import type { RowTarget } from '../list/row-actions';

interface DeleteDialogProps {
  target: RowTarget;
  onClose: () => void;
  onDeleted: () => void;
}

/**
 * Delete asks first and says what it means (a soft delete: kept for audit). The core may refuse,
 * e.g. when another credential authenticates with this one; its reason is shown here as is.
 */
export function DeleteDialog({ target, onClose, onDeleted }: DeleteDialogProps) {
  const label = credentialLabel(target.credential.username, target.device.name);
  return (
    <ConfirmDeleteDialog
      title="Delete credential"
      question={`Delete ${label}? This is a soft delete: the credential is deactivated and kept for audit.`}
      onConfirm={() => api.call('credentials.delete', { id: target.credential.id })}
      onClose={onClose}
      onDeleted={onDeleted}
      describeFailure={failureText}
    />
  );
}
