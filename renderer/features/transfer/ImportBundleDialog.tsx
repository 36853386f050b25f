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
import { useId, useMemo, useState } from 'react';
import { SubmitForm } from '../common/SubmitForm';
import type { MethodOutput } from '../../../shared/contract';
import { bundleTooLargeMessage, maxBundleChars } from '../../../shared/contract/transfer';
import { wireMaxPayloadBytes } from '../../../shared/contract/wire';
import type { Failure } from '../../../shared/result';
import { api } from '../../api/client';
import { findBridge } from '../../api/bridge-transport';
import { PassphraseField } from '../common/PassphraseField';
import { placeFailure } from '../devices/form-failure';
import { ImportOutcome } from './ImportOutcome';
import { ImportPreview } from './ImportPreview';
import { choiceProblems, choicesToSend, initialChoices, type Choices, type Preview } from './import-choices';

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
 * Import bundle, in two steps. Preview: the core reads and checks the file and says what it holds
 * and which names are taken here, writing nothing; each clash gets Skip or Rename. Import: the core
 * applies exactly those choices, all of it or nothing, and says what was added, skipped and
 * renamed, or every problem with its place in the file. A failure at either step keeps the file
 * and the passphrase (and the choices), so the next try needs nothing typed again.
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
  const [preview, setPreview] = useState<Preview | undefined>();
  const [choices, setChoices] = useState<Choices>({});
  const [triedImport, setTriedImport] = useState(false);
  const problems = useMemo(
    () => (preview === undefined ? new Map<string, string>() : choiceProblems(preview, choices)),
    [preview, choices],
  );

  // Typing again answers every error shown; a preview was of the passphrase as it was.
  const typePassphrase = (value: string) => {
    setPassphrase(value);
    setErrors({});
    setPreview(undefined);
  };

  const readFile = async (): Promise<string | undefined> => {
    if (!file) {
      setErrors({ file: 'Choose a bundle file' });
      return undefined;
    }
    const content = await file.text();
    if (content.length > maxBundleChars) {
      setErrors({ file: bundleTooLargeMessage });
      return undefined;
    }
    if (tooLargeForTransport(content)) {
      setErrors({
        file: 'Too large to send to the core in one message: split the bundle',
      });
      return undefined;
    }
    return content;
  };

  const placeError = (result: Failure) => {
    const placed = placeFailure(result);
    if (placed.field === 'passphrase') setErrors({ passphrase: placed.message });
    else if (placed.field === 'content') setErrors({ file: placed.message });
    else setErrors({ form: placed.message });
  };

  const runPreview = async () => {
    setOutcome(undefined);
    const content = await readFile();
    if (content === undefined) return;
    setErrors({});
    setBusy(true);
    const result = await api.call(
      'transfer.preview',
      passphrase === '' ? { content } : { content, passphrase },
    );
    setBusy(false);
    if (!result.ok) {
      placeError(result);
      return;
    }
    if (!result.value.previewed) {
      setOutcome({ applied: false, problems: result.value.problems });
      return;
    }
    setPreview(result.value);
    setChoices(initialChoices(result.value));
    setTriedImport(false);
  };

  const runImport = async (shown: Preview) => {
    setOutcome(undefined);
    setTriedImport(true);
    if (problems.size > 0) return;
    const content = await readFile();
    if (content === undefined) return;
    setErrors({});
    setBusy(true);
    const preview = { token: shown.token, choices: choicesToSend(shown, choices) };
    const result = await api.call(
      'transfer.import',
      passphrase === '' ? { content, preview } : { content, passphrase, preview },
    );
    setBusy(false);
    // A refusal (a wrong file, a problem in it) keeps the passphrase: the next try needs it again.
    if (!result.ok) {
      placeError(result);
      return;
    }
    // Problems found apply nothing: the passphrase, the file and the choices stay, to correct.
    if (result.value.applied) {
      setPassphrase('');
      setPreview(undefined);
    }
    setOutcome(result.value);
  };

  const submit = () => (preview === undefined ? runPreview() : runImport(preview));
  const done = outcome?.applied === true;

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="md" fullWidth>
      <SubmitForm onSubmit={submit}>
        <DialogTitle id={titleId}>Import bundle</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <DialogContentText>
              A bundle exported from this app. Preview shows what it holds and which names are already taken
              here, writing nothing; you choose Skip or Rename for each. Then either all of it is imported as
              chosen, or nothing is.
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
                  setPreview(undefined);
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
            {preview && (
              <ImportPreview
                preview={preview}
                choices={choices}
                problems={problems}
                showMissing={triedImport}
                onChange={setChoices}
              />
            )}
            {errors.form !== undefined && <Alert severity="error">{errors.form}</Alert>}
            {outcome && <ImportOutcome outcome={outcome} />}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{done ? 'Close' : 'Cancel'}</Button>
          {preview && (
            <Button onClick={() => setPreview(undefined)} disabled={busy}>
              Back
            </Button>
          )}
          {!done && (
            <Button type="submit" variant="contained" disabled={busy}>
              {preview ? 'Import' : 'Preview'}
            </Button>
          )}
        </DialogActions>
      </SubmitForm>
    </Dialog>
  );
}
