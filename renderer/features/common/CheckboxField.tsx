import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import type { SxProps, Theme } from '@mui/material/styles';
import { useId } from 'react';

export interface CheckboxFieldProps {
  /** The accessible name too, e.g. `Active`. */
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  /** Shown in red in place of `help`. */
  error: string | undefined;
  help?: string;
  sx?: SxProps<Theme>;
}

/** A checkbox whose accessible name is its label, with its error (or help) beneath it, and described by it. */
export function CheckboxField({ label, checked, onChange, disabled, error, help, sx }: CheckboxFieldProps) {
  const text = error ?? help;
  const helpId = useId();
  return (
    <FormControl error={error !== undefined} disabled={disabled} sx={sx}>
      <FormControlLabel
        label={label}
        control={
          <Checkbox
            checked={checked}
            onChange={(e) => onChange(e.target.checked)}
            slotProps={{ input: { 'aria-describedby': text === undefined ? undefined : helpId } }}
          />
        }
      />
      {text !== undefined && (
        <FormHelperText id={helpId} sx={{ mt: 0 }}>
          {text}
        </FormHelperText>
      )}
    </FormControl>
  );
}
