import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import type { TabProps } from './draft-editing';

/**
 * The password, write-only: the form never receives a stored password. Typing sets a new one
 * (sent as `set`), Generate asks the core to make one by the password policy (the renderer never
 * sees it), and leaving it empty keeps what is stored.
 */
export function PasswordField({
  draft,
  errors,
  edit,
  disabled,
  storedPassword,
}: Pick<TabProps, 'draft' | 'errors' | 'edit' | 'disabled'> & {
  /** Whether the credential being edited has a password; undefined for a new one (or a clone). */
  storedPassword: boolean | undefined;
}) {
  const generating = draft.passwordMode === 'generate';
  const stored =
    storedPassword === undefined
      ? 'Optional: type a password or generate one.'
      : storedPassword
        ? 'Password stored: leave empty to keep it.'
        : 'No password.';
  const changing = generating || draft.password !== '';
  const help = generating
    ? 'A new password will be generated on Save'
    : draft.password
      ? 'A new password will be set on Save'
      : stored;
  // Said before Save: a stored password changed here changes only the vault's copy.
  const vaultOnly =
    storedPassword === true && changing
      ? ". This changes only the vault's copy, not the device's: Save asks whether to change it on the device first."
      : '';
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
      <TextField
        label="Password"
        type="password"
        value={draft.password}
        onChange={(e) => edit('password', e.target.value, 'password')}
        disabled={disabled || generating}
        error={errors.password !== undefined}
        helperText={errors.password ?? `${help}${vaultOnly}`}
        // No maxLength: a pasted password that is too long must be refused beside the field on Save
        // ("At most 256 characters"), never cut short without a word.
        slotProps={{ htmlInput: { autoComplete: 'new-password', spellCheck: false } }}
        sx={{ flex: 1 }}
      />
      {generating ? (
        <Button
          variant="outlined"
          onClick={() => edit('passwordMode', 'keep', 'password')}
          disabled={disabled}
          sx={{ mt: 0.5 }}
        >
          Undo generate
        </Button>
      ) : (
        <Button
          variant="outlined"
          onClick={() => {
            // The typed text is dropped: a generated password replaces it, the two never mix.
            edit('password', '', 'password');
            edit('passwordMode', 'generate', 'password');
          }}
          disabled={disabled}
          sx={{ mt: 0.5 }}
        >
          Generate
        </Button>
      )}
    </Box>
  );
}
