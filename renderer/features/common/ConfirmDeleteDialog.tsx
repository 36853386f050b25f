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
  /** Cancel, Close, Escape, and (unless `onDeleted` is given) after the delete. */
  onClose: () => void;
  /** After the delete, instead of `onClose` (a screen that says what was deleted). */
  onDeleted?: () => void;
  /** How the core's refusal is worded; its message by default. */
  describeFailure?: (failure: Failure) => string;
  /**
   * Why the delete would be refused, when the screen already knows (a device that holds
   * credentials): said at once, in place of the question, with no Delete button.
   */
  refusal?: string;
}

/**
 * Asks before deleting. A refused delete, known beforehand (`refusal`) or answered so by the core
 * (a device that still holds credentials, a template in use, a credential another one
 * authenticates with), shows its reason and offers only Close: there is nothing left to confirm.
 * Devices, templates and credentials ask with it.
 */
export function ConfirmDeleteDialog({
  title,
  question,
  onConfirm,
  onClose,
  onDeleted,
  describeFailure = (failure) => failure.message,
  refusal,
}: ConfirmDeleteDialogProps) {
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | undefined>(refusal);

  const confirm = async () => {
    setBusy(true);
    const result = await onConfirm();
    setBusy(false);
    if (result.ok) (onDeleted ?? onClose)();
    else setRefused(describeFailure(result));
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="xs" fullWidth>
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        {refused === undefined ? (
          <DialogContentText>{question}</DialogContentText>
        ) : (
          <Alert severity="error" role="alert" aria-label="Cannot delete">
            {refused}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {refused === undefined ? (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button color="error" variant="contained" disabled={busy} onClick={() => void confirm()}>
              Delete
            </Button>
          </>
        ) : (
          <Button variant="contained" onClick={onClose} autoFocus>
            Close
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
