import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { deviceTypes } from '../../../shared/domain/device';
import { CheckboxField } from '../common/CheckboxField';
import { SelectField, type SelectOption } from '../common/SelectField';
import { CustomFieldsSection } from '../custom-fields/CustomFieldsSection';
import type { DeviceDraft, DeviceErrors, DeviceType } from './device-draft';

export interface InformationTabProps {
  draft: DeviceDraft;
  errors: DeviceErrors;
  /** Sets one field and clears its error. */
  edit: <K extends keyof DeviceDraft>(key: K, value: DeviceDraft[K]) => void;
}

const isDeviceType = (value: string): value is DeviceType =>
  (deviceTypes as readonly string[]).includes(value);

const typeOptions: SelectOption[] = deviceTypes.map((t) => ({ value: t, label: t }));

const activeHelp =
  'Deactivating a device deactivates its credentials; re-activating does not re-activate them';

export function InformationTab({ draft, errors, edit }: InformationTabProps) {
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
      <SelectField
        label="Type"
        required
        value={draft.type}
        options={typeOptions}
        onChange={(value) => {
          if (isDeviceType(value)) edit('type', value);
        }}
        error={errors.type !== undefined}
        helperText={errors.type ?? ' '}
      />
      {text('vendor', 'Vendor')}
      {text('product', 'Product')}
      {text('site', 'Site')}
      {text('tags', 'Tags', 'Separate tags with commas')}
      <CheckboxField
        label="Active"
        checked={draft.active}
        onChange={(active) => edit('active', active)}
        error={errors.active}
        help={activeHelp}
        sx={{ gridColumn: '1 / -1' }}
      />
      <Box sx={{ gridColumn: '1 / -1' }}>
        <CustomFieldsSection
          rows={draft.customFields}
          onChange={(rows) => edit('customFields', rows)}
          errors={errors}
          listError={errors.customFields}
          disabled={false}
        />
      </Box>
    </Box>
  );
}
