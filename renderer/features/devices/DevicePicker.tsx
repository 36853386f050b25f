import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { useMemo, useState } from 'react';
import type { Device } from '../../../shared/domain/device';
import { useSearchedOptions } from '../common/use-searched-options';

/** Matches asked for per search: enough to scroll, small enough to send at every pause in typing. */
const pageSize = 50;

/** The device a picker shows: its name, and whether it is inactive. */
export type DeviceChoice = Pick<Device, 'id' | 'name' | 'active'>;

/** As the list's group header names a device (an inactive one says so). */
export const deviceChoiceLabel = (d: DeviceChoice): string => (d.active ? d.name : `${d.name} (inactive)`);

const matches = (d: DeviceChoice, text: string): boolean => d.name.toLowerCase().includes(text.toLowerCase());

interface DevicePickerProps {
  label?: string;
  /** The chosen device's id. */
  value: number | null;
  /** What the form knows of the chosen device, so it reads right before any search. */
  chosen?: DeviceChoice | undefined;
  required?: boolean;
  disabled?: boolean;
  error?: boolean;
  helperText?: string | undefined;
  onChange: (device: DeviceChoice | null) => void;
}

/**
 * A device drop-down searched on the core as the user types (`devices.options`, `pageSize` at a
 * time), so 1,000 devices never all reach the renderer; the chosen one is always among the options.
 * Its accessible name is exactly its label. Mirrors the Authentication credential picker.
 */
export function DevicePicker({
  label = 'Device',
  value,
  chosen,
  required = false,
  disabled = false,
  error = false,
  helperText,
  onChange,
}: DevicePickerProps) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const text = search.trim();
  const state = useSearchedOptions(
    'devices.options',
    'the devices',
    open && !disabled
      ? { ...(text === '' ? {} : { search: text }), ids: value === null ? [] : [value], limit: pageSize }
      : undefined,
  );
  const answer =
    state.status === 'ready' ? state.options : state.status === 'loading' ? state.previous : undefined;

  // The device last picked here, for a form that knows no more of it than its id.
  const [picked, setPicked] = useState<DeviceChoice>();
  const known = chosen?.id === value ? chosen : picked?.id === value ? picked : undefined;
  // One object per choice: a new value object would make the Autocomplete reset what is typed.
  const chosenId = known?.id;
  const chosenName = known?.name;
  const chosenActive = known?.active;
  const current = useMemo<DeviceChoice | null>(() => {
    if (value === null) return null;
    if (chosenId === value && chosenName !== undefined && chosenActive !== undefined) {
      return { id: value, name: chosenName, active: chosenActive };
    }
    return { id: value, name: `Device ${value} (not found)`, active: true };
  }, [value, chosenId, chosenName, chosenActive]);

  // Unsearched, the chosen device comes first; searched, only what matches is listed.
  const options = useMemo(() => {
    const list: DeviceChoice[] = (answer?.rows ?? []).filter((d) => d.id !== value || matches(d, text));
    if (text === '' && current && !list.some((d) => d.id === current.id)) list.unshift(current);
    return list;
  }, [answer, value, current, text]);

  const more = answer ? Math.max(0, answer.total - options.filter((d) => matches(d, text)).length) : 0;
  const searchFailed = state.status === 'error';

  return (
    <Autocomplete
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      value={current}
      options={options}
      // The core has searched already: the options are shown as they come.
      filterOptions={(x) => x}
      getOptionLabel={deviceChoiceLabel}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      onChange={(_event, device) => {
        if (device) setPicked(device);
        onChange(device);
      }}
      // Only typing searches; the text a choice writes into the input is not a search.
      onInputChange={(_event, input, reason) => setSearch(reason === 'input' ? input : '')}
      loading={state.status === 'loading'}
      loadingText="Loading…"
      // The options shown while a search runs are the last answer's, and are about to change.
      slotProps={{ listbox: { 'aria-busy': state.status === 'loading' } }}
      noOptionsText={
        searchFailed
          ? 'Could not search the devices'
          : text === '' && answer?.total === 0
            ? 'No devices yet: add one under Devices'
            : 'No devices match'
      }
      disabled={disabled}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          required={required}
          error={error || searchFailed}
          helperText={
            error
              ? helperText
              : searchFailed
                ? state.message
                : more > 0
                  ? `${more} more: type to narrow`
                  : helperText
          }
          placeholder="Type to search"
          slotProps={{ inputLabel: { ...params.InputLabelProps, shrink: true } }}
        />
      )}
    />
  );
}
