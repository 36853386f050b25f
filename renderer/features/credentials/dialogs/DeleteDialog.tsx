import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useState } from 'react';
import { api } from '../../../api/client';
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const label = credentialLabel(target.credential.username, target.device.name);

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    const result = await api.call('credentials.delete', { id: target.credential.id });
    setBusy(false);
    if (!result.ok) return setError(failureText(result));
    onDeleted();
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="delete-title" maxWidth="xs" fullWidth>
      <DialogTitle id="delete-title">Delete credential</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {`Delete ${label}? This is a soft delete: the credential is deactivated and kept for audit.`}
        </DialogContentText>
        {error !== undefined && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button color="error" variant="contained" onClick={() => void confirm()} disabled={busy}>
          Delete
        </Button>
      </DialogActions>
    </Dialog>
  );
}
