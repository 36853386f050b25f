import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { useMemo, useState } from 'react';
import type { SelectOption } from './SelectField';

/** A choice, and the heading it is listed under (all or none of a picker's options have one). */
export interface PickerOption extends SelectOption {
  readonly group?: string;
}

/** At most this many matches are drawn at once: 1,000 templates stay quick to open and to type in. */
const shownMax = 100;

interface FilteredPickerProps {
  label: string;
  /** The chosen option's value; '' for none. */
  value: string;
  /** Every choice, already loaded (a bounded list): typing filters them here, not on the core. */
  options: readonly PickerOption[];
  onChange: (value: string) => void;
  /** Shown while nothing is chosen ("Choose a plugin first"). */
  placeholder: string;
  /** "plugins", "templates": for "No templates match". */
  what: string;
  required?: boolean;
  disabled?: boolean;
  error?: boolean;
  helperText?: string | undefined;
}

const matching = (options: readonly PickerOption[], text: string): PickerOption[] => {
  const wanted = text.trim().toLowerCase();
  return wanted === '' ? [...options] : options.filter((o) => o.label.toLowerCase().includes(wanted));
};

/**
 * A drop-down one can type into to filter, for lists the form has loaded whole (plugins, the
 * templates of one plugin): an Autocomplete filtered in the renderer, with the texts of the searched
 * pickers (DevicePicker, AuthCredentialField). Its accessible name is exactly its label; arrows,
 * Enter and Escape work as in those.
 */
export function FilteredPicker({
  label,
  value,
  options,
  onChange,
  placeholder,
  what,
  required = false,
  disabled = false,
  error = false,
  helperText,
}: FilteredPickerProps) {
  const [typed, setTyped] = useState('');
  const current = useMemo(() => options.find((o) => o.value === value) ?? null, [options, value]);
  const matches = matching(options, typed);
  const more = Math.max(0, matches.length - shownMax);
  // Headings only where the options carry them; the options come ordered by heading.
  const grouped = options.some((o) => o.group !== undefined);
  return (
    <Autocomplete
      value={current}
      options={options}
      {...(grouped ? { groupBy: (o: PickerOption) => o.group ?? '' } : {})}
      filterOptions={(list, { inputValue }) => matching(list, inputValue).slice(0, shownMax)}
      getOptionLabel={(o) => o.label}
      // Two choices may read alike (the same user name on two devices of one name): the value tells them apart.
      getOptionKey={(o) => o.value}
      getOptionDisabled={(o) => o.disabled === true}
      isOptionEqualToValue={(a, b) => a.value === b.value}
      onChange={(_event, option) => onChange(option?.value ?? '')}
      // Only typing filters; the text a choice writes into the input is not a filter.
      onInputChange={(_event, input, reason) => setTyped(reason === 'input' ? input : '')}
      noOptionsText={options.length === 0 ? placeholder : `No ${what} match`}
      loadingText="Loading…"
      disabled={disabled}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          required={required}
          error={error}
          helperText={!error && more > 0 ? `${more} more: type to narrow` : helperText}
          placeholder={placeholder}
          slotProps={{ inputLabel: { ...params.InputLabelProps, shrink: true } }}
        />
      )}
    />
  );
}
