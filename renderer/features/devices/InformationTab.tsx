import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import TextField from '@mui/material/TextField';
import { useId } from 'react';
import { deviceTypes } from '../../../shared/domain/device';
import type { DeviceDraft, DeviceErrors, DeviceType } from './device-draft';

export interface InformationTabProps {
  draft: DeviceDraft;
  errors: DeviceErrors;
  /** Sets one field and clears its error. */
  edit: <K extends keyof DeviceDraft>(key: K, value: DeviceDraft[K]) => void;
}

const isDeviceType = (value: string): value is DeviceType =>
  (deviceTypes as readonly string[]).includes(value);

const activeHelp =
  'Deactivating a device deactivates its credentials; re-activating does not re-activate them';

export function InformationTab({ draft, errors, edit }: InformationTabProps) {
  const activeHelpId = useId();
  const text = (
    key: 'name' | 'address' | 'vendor' | 'product' | 'site' | 'tags',
    label: string,
    help = ' ',
  ) => (
    <TextField
      label={label}
      required={key === 'name' || key === 'address'}
      value={draft[key]}
      onChange={(e) => edit(key, e.target.value)}
      error={errors[key] !== undefined}
      helperText={errors[key] ?? help}
      slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off' } }}
    />
  );
  return (
    <Box
      sx={{ display: 'grid', gap: 1, gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', pt: 1 }}
    >
      {text('name', 'Name')}
      {text('address', 'Address', 'Host name or IP address')}
      <TextField
        select
        label="Type"
        required
        value={draft.type}
        onChange={(e) => {
          if (isDeviceType(e.target.value)) edit('type', e.target.value);
        }}
        error={errors.type !== undefined}
        helperText={errors.type ?? ' '}
        // Native: its accessible name is exactly the label, and keyboards work as usual.
        slotProps={{ select: { native: true } }}
      >
        {deviceTypes.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </TextField>
      {text('vendor', 'Vendor')}
      {text('product', 'Product')}
      {text('site', 'Site')}
      {text('tags', 'Tags', 'Separate tags with commas')}
      <FormControl error={errors.active !== undefined} sx={{ gridColumn: '1 / -1' }}>
        <FormControlLabel
          label="Active"
          control={
            <Checkbox
              checked={draft.active}
              onChange={(e) => edit('active', e.target.checked)}
              slotProps={{ input: { 'aria-describedby': activeHelpId } }}
            />
          }
        />
        <FormHelperText id={activeHelpId} sx={{ mt: 0 }}>
          {errors.active ?? activeHelp}
        </FormHelperText>
      </FormControl>
    </Box>
  );
}
