import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Stack from '@mui/material/Stack';
import { useId, useState } from 'react';
import { SubmitForm } from '../common/SubmitForm';
import type { MethodOutput } from '../../../shared/contract';
import { bundleTooLargeMessage, maxBundleChars } from '../../../shared/contract/transfer';
import { wireMaxPayloadBytes } from '../../../shared/contract/wire';
import { api } from '../../api/client';
import { findBridge } from '../../api/bridge-transport';
import { PassphraseField } from '../common/PassphraseField';
import { placeFailure } from '../devices/form-failure';
import { ImportOutcome } from './ImportOutcome';

type Errors = Partial<Record<'file' | 'passphrase' | 'form', string>>;

/**
 * The browser host's WebSocket closes the connection on a message over `wireMaxPayloadBytes`,
 * which would cut the whole app off; Electron's IPC has no such limit. Measured as sent: the
 * bundle travels JSON-encoded inside the request, so its quotes are escaped.
 */
function tooLargeForTransport(content: string): boolean {
  if (findBridge()) return false;
  const request = JSON.stringify({ id: 0, method: 'transfer.import', input: { content, passphrase: '' } });
  return new TextEncoder().encode(request).length > wireMaxPayloadBytes - 2048;
}

/**
 * Import bundle: the core checks the whole file first and applies all of it or nothing, so the
 * answer is either the counts applied or every problem found, each with its place in the file.
 */
export function ImportBundleDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const fileId = useId();
  const fileHelpId = useId();
  const [file, setFile] = useState<File | undefined>();
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<MethodOutput<'transfer.import'> | undefined>();

  // Typing again answers every error shown.
  const typePassphrase = (value: string) => {
    setPassphrase(value);
    setErrors({});
  };

  const submit = async () => {
    setOutcome(undefined);
    if (!file) {
      setErrors({ file: 'Choose a bundle file' });
      return;
    }
    const content = await file.text();
    if (content.length > maxBundleChars) {
      setErrors({ file: bundleTooLargeMessage });
      return;
    }
    if (tooLargeForTransport(content)) {
      setErrors({
        file: 'Too large to send to the core in one message: split the bundle',
      });
      return;
    }
    setErrors({});
    setBusy(true);
    const result = await api.call(
      'transfer.import',
      passphrase === '' ? { content } : { content, passphrase },
    );
    setBusy(false);
    // A refusal (a wrong file, a problem in it) keeps the passphrase: the next try needs it again.
    if (!result.ok) {
      const placed = placeFailure(result);
      if (placed.field === 'passphrase') setErrors({ passphrase: placed.message });
      else if (placed.field === 'content') setErrors({ file: placed.message });
      else setErrors({ form: placed.message });
      return;
    }
    // Problems found (a wrong passphrase among them) apply nothing: the passphrase stays, to correct.
    if (result.value.applied) setPassphrase('');
    setOutcome(result.value);
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="md" fullWidth>
      <SubmitForm onSubmit={submit}>
        <DialogTitle id={titleId}>Import bundle</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <DialogContentText>
              A bundle exported from this app. It is checked as a whole first: either all of it is imported or
              nothing is.
            </DialogContentText>
            <FormControl error={errors.file !== undefined}>
              <FormLabel htmlFor={fileId} sx={{ mb: 0.5 }}>
                Bundle file
              </FormLabel>
              <input
                id={fileId}
                type="file"
                accept=".json,application/json"
                aria-describedby={fileHelpId}
                onChange={(e) => {
                  setFile(e.target.files?.[0]);
                  setErrors({});
                  setOutcome(undefined);
                }}
              />
              <FormHelperText id={fileHelpId}>
                {errors.file ?? 'A .json file made by Export bundle'}
              </FormHelperText>
            </FormControl>
            <PassphraseField
              label="Bundle passphrase"
              value={passphrase}
              onChange={typePassphrase}
              error={errors.passphrase}
              hint="Only for a bundle exported with passwords and SSH keys"
              autoComplete="off"
            />
            {errors.form !== undefined && <Alert severity="error">{errors.form}</Alert>}
            {outcome && <ImportOutcome outcome={outcome} />}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{outcome?.applied ? 'Close' : 'Cancel'}</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            Import
          </Button>
        </DialogActions>
      </SubmitForm>
    </Dialog>
  );
}
