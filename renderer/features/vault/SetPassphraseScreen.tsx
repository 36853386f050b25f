import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { SubmitForm } from '../common/SubmitForm';
import { useVaultStore } from '../../stores/vault-store';
import { newPassphraseRule, passphraseProblem } from '../common/passphrase';
import { PassphraseField } from '../common/PassphraseField';
import { placeFailure } from '../devices/form-failure';
import { VaultFrame } from './VaultFrame';

type Errors = Partial<Record<'passphrase' | 'confirm' | 'form', string>>;

/**
 * First start without an OS keyring: the user chooses the master passphrase. It lives in this
 * component's state only and is cleared as soon as the core has answered.
 */
export function SetPassphraseScreen() {
  const setup = useVaultStore((s) => s.setup);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  // Typing in a field answers its error and the form's, not the other field's.
  const typePassphrase = (value: string) => {
    setPassphrase(value);
    setErrors(({ passphrase: _p, form: _f, ...rest }) => rest);
  };

  const submit = async () => {
    const next: Errors = {};
    const problem = passphraseProblem(passphrase);
    if (problem !== undefined) next.passphrase = problem;
    if (confirm === '') next.confirm = 'Required';
    else if (confirm !== passphrase) next.confirm = 'The passphrases do not match';
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    const result = await setup(passphrase);
    setPassphrase('');
    setConfirm('');
    setBusy(false);
    // On success the gate opens the app; this screen unmounts.
    if (!result.ok) {
      const placed = placeFailure(result);
      setErrors(placed.field === 'passphrase' ? { passphrase: placed.message } : { form: placed.message });
    }
  };

  return (
    <VaultFrame>
      <SubmitForm onSubmit={submit}>
        <Stack spacing={2}>
          <Typography variant="h1">Set master passphrase</Typography>
          <Typography>
            The master passphrase encrypts every password this app keeps, at rest on this machine. You will
            type it each time the app starts.
          </Typography>
          <Alert severity="warning" role="note">
            It cannot be recovered: if you forget it, the stored passwords are lost.
          </Alert>
          <PassphraseField
            label="Master passphrase"
            autoFocus
            value={passphrase}
            onChange={typePassphrase}
            error={errors.passphrase}
            hint={newPassphraseRule}
            autoComplete="new-password"
          />
          <PassphraseField
            label="Confirm passphrase"
            value={confirm}
            onChange={(value) => {
              setConfirm(value);
              setErrors(({ confirm: _c, form: _f, ...rest }) => rest);
            }}
            error={errors.confirm}
            hint="Type it again"
            autoComplete="new-password"
          />
          {errors.form !== undefined && <Alert severity="error">{errors.form}</Alert>}
          <Box>
            <Button type="submit" variant="contained" disabled={busy}>
              Set passphrase
            </Button>
          </Box>
        </Stack>
      </SubmitForm>
    </VaultFrame>
  );
}
