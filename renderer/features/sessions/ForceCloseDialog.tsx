import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useId, useState } from 'react';
import { forceCloseReasonSchema } from '../../../shared/contract/sessions';
import type { Session } from '../../../shared/domain/session';
import { useSessionsStore } from '../../stores/sessions-store';
import { SubmitForm } from '../common/SubmitForm';
import { placeFailure } from '../devices/form-failure';

/**
 * Force close of a session that needs attention: it is dropped without cleanup, so the account
 * may remain on the device. A reason is required (the contract's own rule, checked here first so
 * it shows beside the field) and goes to the audit log. What was typed stays on a refusal.
 */
export function ForceCloseDialog({
  session,
  onClose,
  onClosed,
}: {
  session: Session;
  onClose: () => void;
  /** Force closed: the record says Force closed (and the reason), audited. */
  onClosed: () => void;
}) {
  const forceClose = useSessionsStore((s) => s.forceClose);
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const titleId = useId();

  const submit = async () => {
    const checked = forceCloseReasonSchema.safeParse(reason);
    if (!checked.success) {
      setFieldError(checked.error.issues[0]?.message ?? 'Required');
      return;
    }
    setSaving(true);
    setFormError(undefined);
    const result = await forceClose(session.id, checked.data);
    setSaving(false);
    if (result.ok) return onClosed();
    const placed = placeFailure(result);
    if (placed.field === 'reason') setFieldError(placed.message);
    else setFormError(placed.message);
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <SubmitForm onSubmit={submit}>
        <DialogTitle id={titleId}>Force close the session</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            {`The cleanup of ${session.account} on ${session.credentialLabel} failed. Force close drops the session without cleanup: the account may remain on the device, and must be checked by hand. The reason goes to the audit log.`}
          </DialogContentText>
          {formError !== undefined && (
            <Alert severity="error" sx={{ mb: 2 }}>
              {`Could not force close the session: ${formError}`}
            </Alert>
          )}
          <TextField
            label="Reason"
            required
            fullWidth
            multiline
            minRows={2}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setFieldError(undefined);
            }}
            error={fieldError !== undefined}
            helperText={fieldError}
            autoFocus
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" color="error" variant="contained" disabled={saving}>
            Force close
          </Button>
        </DialogActions>
      </SubmitForm>
    </Dialog>
  );
}
