import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { unlockWaitMessage, unlockWaitSeconds } from '../../../shared/domain/vault';
import { SubmitForm } from '../common/SubmitForm';
import { useVaultStore } from '../../stores/vault-store';
import { PassphraseField } from '../common/PassphraseField';
import { placeFailure } from '../devices/form-failure';
import { VaultFrame } from './VaultFrame';

/**
 * The vault is locked: the master passphrase opens it. The passphrase is the form's only field, so
 * every refusal (a wrong passphrase above all) shows beside it; it is cleared after each attempt.
 */
export function UnlockScreen() {
  const unlock = useVaultStore((s) => s.unlock);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  // After too many wrong passphrases: the seconds left before Unlock may be tried again.
  const [waitLeft, setWaitLeft] = useState(0);

  useEffect(() => {
    if (waitLeft <= 0) return;
    const timer = setTimeout(() => setWaitLeft((left) => left - 1), 1000);
    return () => clearTimeout(timer);
  }, [waitLeft]);

  // The wait counts down beside the field, and its message goes once it is over.
  const shownError =
    waitLeft > 0
      ? unlockWaitMessage(waitLeft)
      : unlockWaitSeconds(error ?? '') === undefined
        ? error
        : undefined;

  const typePassphrase = (value: string) => {
    setPassphrase(value);
    setError(undefined);
  };

  const submit = async () => {
    if (passphrase === '') {
      setError('Required');
      return;
    }
    setBusy(true);
    const result = await unlock(passphrase);
    setPassphrase('');
    setBusy(false);
    if (!result.ok) {
      const message = placeFailure(result).message;
      setError(message);
      setWaitLeft(unlockWaitSeconds(message) ?? 0);
    }
  };

  return (
    <VaultFrame>
      <SubmitForm onSubmit={submit}>
        <Stack spacing={2}>
          <Typography variant="h1">Unlock</Typography>
          <Typography>The vault is locked. Type the master passphrase to open the app.</Typography>
          <PassphraseField
            label="Master passphrase"
            autoFocus
            value={passphrase}
            onChange={typePassphrase}
            error={shownError}
            hint=" "
            autoComplete="current-password"
          />
          <Box>
            <Button type="submit" variant="contained" disabled={busy || waitLeft > 0}>
              Unlock
            </Button>
          </Box>
        </Stack>
      </SubmitForm>
    </VaultFrame>
  );
}
