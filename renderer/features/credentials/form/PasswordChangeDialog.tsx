import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useId, useState } from 'react';
import type { PasswordChangePlan } from '../../../../shared/contract/credentials';
import type { Operation } from '../../../../shared/domain/operation';
import { api } from '../../../api/client';
import { OperationAttempt } from '../../operations/OperationAttempt';
import { failureText } from '../failure-text';
import { SelectField } from '../../common/SelectField';

/** What the device run answered, as the dialog shows it. */
export type DeviceChangeAnswer = { ok: true } | { ok: false; message: string; operationId: string | null };

export interface DeviceChangeChoice {
  readonly templateId: number;
  readonly runAsCredentialId: number;
}

interface PasswordChangeDialogProps {
  credentialId: number;
  /** `username @ device`, for the title's sentence. */
  label: string;
  onCancel: () => void;
  /** Store the new password in the vault only (the form's ordinary save). */
  onStoreOnly: () => void;
  /** Change it on the device through the template, then store it. */
  onChangeOnDevice: (choice: DeviceChangeChoice) => Promise<DeviceChangeAnswer>;
}

type PlanState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; plan: PasswordChangePlan };

/**
 * Asked on Save when an existing credential's stored password changes: saving changes only the
 * vault's copy, so the device keeps the old password and the JIT credentials this one
 * authenticates fail at their next session. Two ways on: change it on the device first through a
 * "Password change" template (stored only when the run succeeded; a failure shows its log here),
 * or store it only, after ticking that the device keeps the old password.
 */
export function PasswordChangeDialog({
  credentialId,
  label,
  onCancel,
  onStoreOnly,
  onChangeOnDevice,
}: PasswordChangeDialogProps) {
  const titleId = useId();
  const [state, setState] = useState<PlanState>({ status: 'loading' });
  const [templateId, setTemplateId] = useState<number | null>(null);
  const [runAsId, setRunAsId] = useState<number | null>(null);
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; operation: Operation | undefined }>();

  useEffect(() => {
    let current = true;
    void api.call('credentials.passwordChangePlan', { id: credentialId }).then((result) => {
      if (!current) return;
      if (!result.ok) {
        setState({ status: 'error', message: failureText(result) });
        return;
      }
      setState({ status: 'ready', plan: result.value });
      setTemplateId(result.value.templateId);
      setRunAsId(result.value.runAsCredentialId);
    });
    return () => {
      current = false;
    };
  }, [credentialId]);

  const changeOnDevice = async () => {
    if (templateId === null || runAsId === null) return;
    setBusy(true);
    setFailure(undefined);
    const answer = await onChangeOnDevice({ templateId, runAsCredentialId: runAsId });
    if (!answer.ok) {
      // The operation's log, right here: why the device refused is what the user needs next.
      const op =
        answer.operationId === null
          ? undefined
          : await api.call('operations.get', { id: answer.operationId });
      setFailure({ message: answer.message, operation: op?.ok ? op.value : undefined });
    }
    setBusy(false);
  };

  const plan = state.status === 'ready' ? state.plan : undefined;
  const device = plan ? `${plan.deviceName} (${plan.deviceAddress})` : 'the device';
  const canRun = plan !== undefined && templateId !== null && runAsId !== null && !busy;

  return (
    <Dialog open onClose={busy ? undefined : onCancel} aria-labelledby={titleId} maxWidth="md" fullWidth>
      <DialogTitle id={titleId}>Change the password on the device?</DialogTitle>
      <DialogContent>
        {busy && <LinearProgress aria-label="Changing the password on the device" sx={{ mb: 1 }} />}
        {state.status === 'loading' && <LinearProgress aria-label="Loading the password change" />}
        {state.status === 'error' && <Alert severity="error">{state.message}</Alert>}
        {plan && (
          <Stack spacing={2}>
            <Alert severity="warning">
              {`Saving changes the password of ${label} only in the vault, not on ${device}: the device keeps the old password until it is changed there too.`}
            </Alert>
            {plan.authenticates.length > 0 && (
              <div>
                <DialogContentText>
                  {`${plan.authenticates.length === 1 ? 'This JIT credential connects' : `These ${plan.authenticates.length} JIT credentials connect`} with this credential; their next sessions fail while the vault and the device differ:`}
                </DialogContentText>
                <ul aria-label="JIT credentials it authenticates">
                  {plan.authenticates.map((c) => (
                    <li key={c.id}>{c.label}</li>
                  ))}
                </ul>
              </div>
            )}
            <Typography variant="subtitle2" component="h3">
              Change on the device, then store
            </Typography>
            {plan.templates.length === 0 ? (
              <DialogContentText>
                {`No active "Password change" template can run on ${plan.deviceName}: add one in Executions > Templates, or store only.`}
              </DialogContentText>
            ) : (
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
                <SelectField
                  label="Password change template"
                  value={templateId === null ? '' : String(templateId)}
                  options={plan.templates.map((t) => ({ value: String(t.id), label: t.name }))}
                  onChange={(v) => setTemplateId(Number(v))}
                  disabled={busy}
                  sx={{ flex: 1 }}
                />
                <SelectField
                  label="Run as"
                  value={runAsId === null ? '' : String(runAsId)}
                  options={plan.runAs.map((r) => ({
                    value: String(r.id),
                    label: r.self ? `${r.label} (this credential)` : r.label,
                  }))}
                  onChange={(v) => setRunAsId(Number(v))}
                  disabled={busy}
                  helperText="Who connects to run it; this credential itself connects with its current password"
                  sx={{ flex: 1 }}
                />
              </Stack>
            )}
            {failure && (
              <Alert severity="error">
                {failure.message}
                {failure.operation && (
                  <div aria-label="Operation log">
                    {failure.operation.attempts.map((attempt) => (
                      <OperationAttempt key={attempt.number} attempt={attempt} />
                    ))}
                  </div>
                )}
              </Alert>
            )}
            <FormControlLabel
              control={
                <Checkbox
                  checked={understood}
                  onChange={(e) => setUnderstood(e.target.checked)}
                  disabled={busy}
                />
              }
              label={`Store only: I understand that ${plan.deviceName} keeps its old password`}
            />
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button onClick={onStoreOnly} disabled={!understood || busy || plan === undefined}>
          Store only
        </Button>
        <Button variant="contained" onClick={() => void changeOnDevice()} disabled={!canRun}>
          Change on the device, then store
        </Button>
      </DialogActions>
    </Dialog>
  );
}
