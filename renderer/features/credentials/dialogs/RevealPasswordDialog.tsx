import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { api } from '../../../api/client';
import { failureText } from '../failure-text';
import { credentialLabel } from '../list/grid-rows';
import type { RowTarget } from '../list/row-actions';

/** How long a revealed password stays on screen. */
export const revealSeconds = 30;

type Step =
  | { kind: 'confirm'; error?: string }
  | { kind: 'loading' }
  | { kind: 'shown'; password: string; secondsLeft: number }
  | { kind: 'hidden' };

/**
 * View password: a confirmation that says the reveal is audited, then the password for 30 seconds.
 * The password lives only in this component's state (never a store, never the URL) and is dropped
 * when the time is up or the dialog closes; the dialog unmounts on close, so nothing lingers.
 */
export function RevealPasswordDialog({ target, onClose }: { target: RowTarget; onClose: () => void }) {
  const [step, setStep] = useState<Step>({ kind: 'confirm' });
  const [copied, setCopied] = useState<string | undefined>();
  const label = credentialLabel(target.credential.username, target.device.name);
  const shown = step.kind === 'shown';

  // One-second ticks while shown; at zero the password is dropped from state.
  useEffect(() => {
    if (!shown) return;
    const timer = setInterval(() => {
      setStep((s) => {
        if (s.kind !== 'shown') return s;
        return s.secondsLeft <= 1 ? { kind: 'hidden' } : { ...s, secondsLeft: s.secondsLeft - 1 };
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [shown]);

  const reveal = async () => {
    setStep({ kind: 'loading' });
    const result = await api.call('credentials.revealPassword', { id: target.credential.id });
    setStep(
      result.ok
        ? { kind: 'shown', password: result.value.password, secondsLeft: revealSeconds }
        : { kind: 'confirm', error: failureText(result) },
    );
  };

  const copy = async (password: string) => {
    try {
      await navigator.clipboard.writeText(password);
      setCopied('Copied to the clipboard');
    } catch {
      setCopied('Could not copy: select the password and copy it by hand');
    }
  };

  const close = () => {
    setStep({ kind: 'hidden' });
    onClose();
  };

  return (
    <Dialog open onClose={close} aria-labelledby="reveal-title" maxWidth="sm" fullWidth>
      <DialogTitle id="reveal-title">{`Password of ${label}`}</DialogTitle>
      <DialogContent>
        {(step.kind === 'confirm' || step.kind === 'loading') && (
          <>
            <DialogContentText>
              Viewing a password is audited: the audit log records that you revealed the password of this
              credential, and when.
            </DialogContentText>
            {step.kind === 'confirm' && step.error !== undefined && (
              <Alert severity="error" sx={{ mt: 2 }}>
                {step.error}
              </Alert>
            )}
          </>
        )}
        {step.kind === 'shown' && (
          <Box sx={{ display: 'grid', gap: 1.5 }}>
            <Typography
              component="output"
              aria-label="Password"
              sx={{
                fontFamily: 'monospace',
                fontSize: '1.1rem',
                p: 1.5,
                borderRadius: 1,
                bgcolor: 'action.hover',
                wordBreak: 'break-all',
                userSelect: 'all',
              }}
            >
              {step.password}
            </Typography>
            <Typography variant="body2" role="timer" sx={{ color: 'text.secondary' }}>
              {`Hidden in ${step.secondsLeft} s`}
            </Typography>
            {copied !== undefined && (
              <Typography variant="body2" role="status">
                {copied}
              </Typography>
            )}
          </Box>
        )}
        {step.kind === 'hidden' && <DialogContentText>The password is hidden again.</DialogContentText>}
      </DialogContent>
      <DialogActions>
        {step.kind === 'shown' && (
          <Button onClick={() => void copy(step.password)} variant="outlined">
            Copy
          </Button>
        )}
        {(step.kind === 'confirm' || step.kind === 'loading') && (
          <Button variant="contained" onClick={() => void reveal()} disabled={step.kind === 'loading'}>
            View password
          </Button>
        )}
        <Button onClick={close}>
          {step.kind === 'confirm' || step.kind === 'loading' ? 'Cancel' : 'Close'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
