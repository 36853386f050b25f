import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useId, useState } from 'react';
import type { Failure, Result } from '../../../shared/result';

export interface ConfirmDeleteDialogProps {
  /** e.g. `Delete device`; the dialog's accessible name. */
  title: string;
  question: string;
  onConfirm: () => Promise<Result<unknown>>;
  /** Cancel, Escape, and (unless `onDeleted` is given) after the delete. */
  onClose: () => void;
  /** After the delete, instead of `onClose` (a screen that says what was deleted). */
  onDeleted?: () => void;
  /** How the core's refusal is worded; its message by default. */
  describeFailure?: (failure: Failure) => string;
}

/**
 * Asks before deleting and stays open when the core refuses (a device that still holds credentials,
 * a template in use, a credential another one authenticates with), showing its reason: the user
 * must see why nothing was deleted. Devices, templates and credentials ask with it.
 */
export function ConfirmDeleteDialog({
  title,
  question,
  onConfirm,
  onClose,
  onDeleted,
  describeFailure = (failure) => failure.message,
}: ConfirmDeleteDialogProps) {
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    const result = await onConfirm();
    setBusy(false);
    if (result.ok) (onDeleted ?? onClose)();
    else setError(describeFailure(result));
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="xs" fullWidth>
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{question}</DialogContentText>
        {error !== undefined && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button color="error" variant="contained" disabled={busy} onClick={() => void confirm()}>
          Delete
        </Button>
      </DialogActions>
    </Dialog>
  );
}
