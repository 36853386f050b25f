import TextField from '@mui/material/TextField';

export interface PassphraseFieldProps {
  /** The accessible name too, e.g. `Master passphrase`. */
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown in red in place of `hint`. */
  error: string | undefined;
  /** The helper text while there is no error (`' '` keeps its line without words). */
  hint: string;
  /** `new-password` where one is chosen, `current-password` where one is typed to open something. */
  autoComplete: 'new-password' | 'current-password' | 'off';
  autoFocus?: boolean;
}

/**
 * A passphrase typed by the user: masked, with its error or else its hint beneath. The value lives
 * in the caller's state alone, which clears it once the core has answered.
 */
export function PassphraseField({
  label,
  value,
  onChange,
  error,
  hint,
  autoComplete,
  autoFocus,
}: PassphraseFieldProps) {
  return (
    <TextField
      label={label}
      type="password"
      autoFocus={autoFocus}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error !== undefined}
      helperText={error ?? hint}
      slotProps={{ htmlInput: { autoComplete } }}
    />
  );
}
