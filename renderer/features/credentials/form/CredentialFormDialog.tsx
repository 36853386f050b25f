import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import { useEffect, useState } from 'react';
import type { Credential } from '../../../../shared/domain/credential';
import { api } from '../../../api/client';
import { useGuardedClose } from '../../common/unsaved-changes';
import { failureText } from '../failure-text';
import { CredentialForm, credentialFormTitles, type CredentialDialogMode } from './CredentialForm';
import type { CredentialFormRequest } from './form-request';
import { referencedCredentialIds, useCredentialLookups } from './use-credential-lookups';

type SourceState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; credential: Credential | null };

/** The credential Edit and Clone start from, read fresh (the list's page may be seconds old). */
function useSource(request: CredentialFormRequest, attempt: number): SourceState {
  const id = request.kind === 'new' ? null : request.id;
  const [state, setState] = useState<SourceState>({ status: 'loading' });
  useEffect(() => {
    if (id === null) {
      setState({ status: 'ready', credential: null });
      return;
    }
    let current = true;
    setState({ status: 'loading' });
    void api.call('credentials.get', { id }).then((result) => {
      if (!current) return;
      setState(
        result.ok
          ? { status: 'ready', credential: result.value }
          : { status: 'error', message: failureText(result) },
      );
    });
    return () => {
      current = false;
    };
  }, [id, attempt]);
  return state;
}

interface CredentialFormDialogProps {
  request: CredentialFormRequest;
  onClose: () => void;
  onSaved: (saved: Credential) => void;
}

/**
 * The Credential dialog: loads what the form needs (the lists, and the credential for Edit and
 * Clone), then shows the form in the same dialog; a failed load says why and offers Retry.
 */
export function CredentialFormDialog({ request, onClose, onSaved }: CredentialFormDialogProps) {
  const [attempt, setAttempt] = useState(0);
  const [saving, setSaving] = useState(false);
  // Whether the form differs from what it loaded: Cancel, Escape or a click outside then ask first.
  const [dirty, setDirty] = useState(false);
  const { requestClose, confirm } = useGuardedClose(dirty, onClose);
  const source = useSource(request, attempt);
  // The lists load once the credential is in: its authentication credential is loaded with them.
  const lookups = useCredentialLookups(
    source.status === 'ready' ? referencedCredentialIds(source.credential) : undefined,
  );
  const titleId = 'credential-dialog-title';

  const ready = lookups.state.status === 'ready' && source.status === 'ready';
  const error =
    lookups.state.status === 'error'
      ? lookups.state.message
      : source.status === 'error'
        ? source.message
        : undefined;
  const retry = () => {
    lookups.retry();
    setAttempt((n) => n + 1);
  };

  let body;
  if (lookups.state.status === 'ready' && source.status === 'ready') {
    const mode: CredentialDialogMode =
      source.credential === null || request.kind === 'new'
        ? { kind: 'new' }
        : { kind: request.kind, credential: source.credential };
    body = (
      <CredentialForm
        mode={mode}
        lookups={lookups.state.lookups}
        onSaving={setSaving}
        onDirty={setDirty}
        onClose={requestClose}
        onSaved={onSaved}
      />
    );
  } else {
    body = (
      <>
        <DialogContent>
          {error === undefined ? (
            <LinearProgress aria-label="Loading the form" />
          ) : (
            <Alert
              severity="error"
              action={
                <Button color="inherit" onClick={retry}>
                  Retry
                </Button>
              }
            >
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
        </DialogActions>
      </>
    );
  }

  return (
    <Dialog
      open
      // Escape, Cancel and a click beside the dialog close it at once when nothing changed, else ask.
      onClose={() => {
        if (!saving) requestClose();
      }}
      aria-labelledby={titleId}
      maxWidth="md"
      fullWidth
      slotProps={{ paper: { sx: { minHeight: ready ? 600 : undefined } } }}
    >
      <DialogTitle id={titleId}>{credentialFormTitles[request.kind]}</DialogTitle>
      {body}
      {confirm}
    </Dialog>
  );
}
