import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import { useVaultStore } from '../../stores/vault-store';
import { FormDialog } from '../common/FormDialog';
import { newPassphraseRule, passphraseProblem, repeatProblem } from '../common/passphrase';
import { PassphraseField } from '../common/PassphraseField';
import { announceSaved } from '../common/save-toast';
import { placeFailure } from '../devices/form-failure';

type Field = 'current' | 'next' | 'repeat' | 'form';

/**
 * A new master passphrase. The current one is asked even though the vault is open, so that a
 * window left unlocked cannot have it changed; wrong ones slow the next try down as at Unlock.
 * The passphrases live in this dialog's state only and are cleared once the core has answered.
 */
export function ChangePassphraseDialog({ onClose }: { onClose: () => void }) {
  const change = useVaultStore((s) => s.changePassphrase);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);

  const typed = (field: Exclude<Field, 'form'>, set: (value: string) => void) => (value: string) => {
    set(value);
    setErrors(({ [field]: _field, form: _form, ...rest }) => rest);
  };

  const submit = async () => {
    const found: Partial<Record<Field, string>> = {};
    if (current === '') found.current = 'Required';
    const nextProblem = passphraseProblem(next);
    if (nextProblem !== undefined) found.next = nextProblem;
    else if (next === current) found.next = 'The same as the current passphrase';
    const repeated = repeatProblem(next, repeat);
    if (repeated !== undefined) found.repeat = repeated;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const result = await change(current, next);
    setBusy(false);
    setCurrent('');
    if (result.ok) {
      announceSaved('master passphrase');
      onClose();
      return;
    }
    const placed = placeFailure(result);
    const field: Field = placed.field === 'current' || placed.field === 'next' ? placed.field : 'form';
    setErrors({ [field]: placed.message });
  };

  return (
    <FormDialog
      title="Change master passphrase"
      dirty={current !== '' || next !== '' || repeat !== ''}
      onClose={onClose}
      onSubmit={() => void submit()}
      saveDisabled={busy}
      maxWidth="xs"
    >
      <Stack spacing={2} sx={{ pt: 1 }}>
        {errors.form !== undefined && <Alert severity="error">{errors.form}</Alert>}
        <PassphraseField
          label="Current passphrase"
          autoFocus
          value={current}
          onChange={typed('current', setCurrent)}
          error={errors.current}
          hint=" "
          autoComplete="current-password"
        />
        <PassphraseField
          label="New passphrase"
          value={next}
          onChange={typed('next', setNext)}
          error={errors.next}
          hint={newPassphraseRule}
          autoComplete="new-password"
        />
        <PassphraseField
          label="Repeat the new passphrase"
          value={repeat}
          onChange={typed('repeat', setRepeat)}
          error={errors.repeat}
          hint=" "
          autoComplete="new-password"
        />
      </Stack>
    </FormDialog>
  );
}
