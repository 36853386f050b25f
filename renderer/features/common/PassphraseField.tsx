import Visibility from '@mui/icons-material/Visibility';
import VisibilityOff from '@mui/icons-material/VisibilityOff';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import { useState } from 'react';

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
 * A passphrase typed by the user: masked unless its eye is pressed (a long passphrase is easier
 * to get right when it can be read back), with its error or else its hint beneath. The value lives
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
  const [shown, setShown] = useState(false);
  return (
    <TextField
      label={label}
      type={shown ? 'text' : 'password'}
      autoFocus={autoFocus}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error !== undefined}
      helperText={error ?? hint}
      slotProps={{
        htmlInput: { autoComplete, spellCheck: false, autoCapitalize: 'off' },
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <IconButton
                aria-label={shown ? `Hide ${label.toLowerCase()}` : `Show ${label.toLowerCase()}`}
                aria-pressed={shown}
                edge="end"
                // Keeps the caret in the field while the eye is pressed.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => setShown((s) => !s)}
              >
                {shown ? <VisibilityOff fontSize="small" /> : <Visibility fontSize="small" />}
              </IconButton>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
