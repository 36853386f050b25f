import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { credentialStatuses, credentialTypes } from '../../../../shared/domain/credential';
import { SelectField, type SelectOption } from '../../common/SelectField';
import type { TabProps } from './draft-editing';
import { PasswordField } from './PasswordField';
import { SshKeyField } from './SshKeyField';
import { DevicePicker, type DeviceChoice } from '../../devices/DevicePicker';
import { CustomFieldsSection } from '../../custom-fields/CustomFieldsSection';
import { rowErrors } from '../../custom-fields/custom-field-rows';

export const additionalInfoHelp =
  'For databases: the database name, which tells apart one user name in two systems on one device; templates see it as [#ADD_INFO#]';

const typeOptions: SelectOption[] = credentialTypes.map((t) => ({ value: t, label: t }));
const statusOptions: SelectOption[] = credentialStatuses.map((s) => ({ value: s, label: s }));

interface InformationTabProps extends TabProps {
  /** The devices the form knows (the chosen one, to show it before any search). */
  devices: readonly DeviceChoice[];
  storedPassword: boolean | undefined;
  storedKey: boolean | undefined;
}

/** Username, Credential type, Device, Domain, Additional information, Status, Tags, Password, SSH key. */
export function InformationTab(props: InformationTabProps) {
  const { draft, errors, edit, disabled, devices } = props;
  const chosenDevice = devices.find((d) => d.id === draft.deviceId);
  const text = (
    key: 'username' | 'domain' | 'additionalInfo',
    label: string,
    help?: string,
    required = false,
  ) => (
    <TextField
      label={label}
      value={draft[key]}
      required={required}
      onChange={(e) => edit(key, e.target.value, key)}
      disabled={disabled}
      error={errors[key] !== undefined}
      helperText={errors[key] ?? help}
      slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off' } }}
    />
  );
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, pt: 1 }}>
      {text('username', 'Username', 'DOMAIN\\user or user@domain for domain accounts', true)}
      <SelectField
        label="Credential type"
        required
        value={draft.type}
        options={typeOptions}
        onChange={(v) => {
          const type = credentialTypes.find((t) => t === v);
          if (type) edit('type', type, 'type');
        }}
        disabled={disabled}
        error={errors.type !== undefined}
        helperText={errors.type}
      />
      <DevicePicker
        required
        value={draft.deviceId}
        chosen={chosenDevice}
        onChange={(device) => edit('deviceId', device?.id ?? null, 'deviceId')}
        disabled={disabled}
        error={errors.deviceId !== undefined}
        helperText={errors.deviceId}
      />
      {text('domain', 'Domain')}
      <Box sx={{ gridColumn: '1 / -1', display: 'grid' }}>
        {text('additionalInfo', 'Additional information', additionalInfoHelp)}
      </Box>
      <SelectField
        label="Status"
        required
        value={draft.status}
        options={statusOptions}
        onChange={(v) => {
          const status = credentialStatuses.find((s) => s === v);
          if (status) edit('status', status, 'status');
        }}
        disabled={disabled}
        error={errors.status !== undefined}
        helperText={errors.status}
      />
      <TextField
        label="Tags"
        value={draft.tags}
        onChange={(e) => edit('tags', e.target.value, 'tags')}
        disabled={disabled}
        error={errors.tags !== undefined}
        helperText={errors.tags ?? 'Separated by commas'}
        slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off' } }}
      />
      <Box sx={{ gridColumn: '1 / -1' }}>
        <PasswordField
          draft={draft}
          errors={errors}
          edit={edit}
          disabled={disabled}
          storedPassword={props.storedPassword}
        />
      </Box>
      <Box sx={{ gridColumn: '1 / -1' }}>
        <SshKeyField
          draft={draft}
          errors={errors}
          edit={edit}
          disabled={disabled}
          storedKey={props.storedKey}
        />
      </Box>
      <Box sx={{ gridColumn: '1 / -1' }}>
        <CustomFieldsSection
          rows={draft.customFields}
          onChange={(rows) => edit('customFields', rows, 'customFields')}
          // Beside each row once Save found a problem (the shared rules, as the core runs them).
          errors={errors.customFields === undefined ? {} : rowErrors(draft.customFields)}
          listError={
            errors.customFields !== undefined && Object.keys(rowErrors(draft.customFields)).length === 0
              ? errors.customFields
              : undefined
          }
          disabled={disabled}
        />
      </Box>
    </Box>
  );
}
