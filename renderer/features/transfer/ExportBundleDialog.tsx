import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import { useId, useState } from 'react';
import { SubmitForm } from '../common/SubmitForm';
import { api } from '../../api/client';
import { placeFailure } from '../devices/form-failure';
import { downloadText } from '../common/download';
import { newPassphraseRule, passphraseProblem, repeatProblem } from '../common/passphrase';
import { PassphraseField } from '../common/PassphraseField';

type Errors = Partial<Record<'passphrase' | 'repeat' | 'form', string>>;

/**
 * Export bundle: devices, templates and credentials as one JSON file. Passwords travel only when
 * asked for, encrypted with a bundle passphrase typed twice (a typo would lock the passwords in the
 * file for good), held in this dialog's state alone and cleared once the export is made.
 */
export function ExportBundleDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const [includePasswords, setIncludePasswords] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [repeated, setRepeated] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | undefined>();

  // Typing again answers every error shown.
  const typePassphrase = (value: string) => {
    setPassphrase(value);
    setErrors({});
  };
  const typeRepeated = (value: string) => {
    setRepeated(value);
    setErrors(({ repeat: _r, form: _f, ...rest }) => rest);
  };

  const submit = async () => {
    setSaved(undefined);
    if (includePasswords) {
      const problem = passphraseProblem(passphrase);
      const repeat = repeatProblem(passphrase, repeated);
      if (problem !== undefined || repeat !== undefined) {
        setErrors({
          ...(problem === undefined ? {} : { passphrase: problem }),
          ...(repeat === undefined ? {} : { repeat }),
        });
        return;
      }
    }
    setErrors({});
    setBusy(true);
    const result = await api.call(
      'transfer.export',
      includePasswords ? { includePasswords, passphrase } : { includePasswords },
    );
    setBusy(false);
    // A refusal keeps what was typed, to correct; a made export needs it no more.
    if (!result.ok) {
      const placed = placeFailure(result);
      setErrors(placed.field === 'passphrase' ? { passphrase: placed.message } : { form: placed.message });
      return;
    }
    setPassphrase('');
    setRepeated('');
    downloadText(result.value.fileName, result.value.content, 'application/json');
    setSaved(result.value.fileName);
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <SubmitForm onSubmit={submit}>
        <DialogTitle id={titleId}>Export bundle</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <DialogContentText>
              One JSON file with every device, template and credential, to import in another lab. With
              passwords and SSH keys, the values of secret custom fields travel too; without them, all three
              are left out and secret custom fields arrive empty (the import names each key and field left
              out).
            </DialogContentText>
            <FormControlLabel
              label="Include passwords and SSH keys"
              control={
                <Checkbox
                  checked={includePasswords}
                  onChange={(e) => {
                    setIncludePasswords(e.target.checked);
                    setErrors({});
                  }}
                />
              }
            />
            {includePasswords && (
              <PassphraseField
                label="Bundle passphrase"
                value={passphrase}
                onChange={typePassphrase}
                error={errors.passphrase}
                hint={`${newPassphraseRule}. It encrypts the passwords and SSH keys in the file; the import asks for it.`}
                autoComplete="new-password"
              />
            )}
            {includePasswords && (
              <PassphraseField
                label="Repeat the passphrase"
                value={repeated}
                onChange={typeRepeated}
                error={errors.repeat}
                hint="Type it again: a typo here would leave the passwords in the file unreadable"
                autoComplete="new-password"
              />
            )}
            {errors.form !== undefined && <Alert severity="error">{errors.form}</Alert>}
            {saved !== undefined && (
              <Alert severity="success" role="status">
                {`Exported as ${saved}`}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{saved === undefined ? 'Cancel' : 'Close'}</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            Export
          </Button>
        </DialogActions>
      </SubmitForm>
    </Dialog>
  );
}
