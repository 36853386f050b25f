import TextField, { type TextFieldProps } from '@mui/material/TextField';

export interface SelectOption {
  readonly value: string;
  readonly label: string;
  readonly disabled?: boolean;
}

type SelectFieldProps = Omit<TextFieldProps, 'select' | 'children' | 'onChange' | 'value'> & {
  value: string;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
};

/**
 * A drop-down drawn as a native <select> inside a TextField: its accessible name is exactly the
 * label (getByLabel and getByRole('combobox', { name }) find it), and keyboards and screen readers
 * handle it as the platform does.
 */
export function SelectField({ options, onChange, slotProps, ...props }: SelectFieldProps) {
  return (
    <TextField
      {...props}
      select
      onChange={(e) => onChange(e.target.value)}
      // A native select's label must always float: the select shows its chosen option's text.
      slotProps={{ ...slotProps, select: { native: true }, inputLabel: { shrink: true } }}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}
