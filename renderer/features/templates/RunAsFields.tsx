import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import { useMemo } from 'react';
import type { LoginOption } from '../../stores/templates-store';
import { FilteredPicker, type PickerOption } from '../common/FilteredPicker';
import { runAsPlaceholder } from './run-as';
import { loginLabel } from './test-on-device';
import type { RunAs } from './use-run-as';

const choices = (group: string, logins: readonly LoginOption[]): PickerOption[] =>
  logins.map((l) => ({ value: String(l.id), label: loginLabel(l), group }));

/**
 * The Run as field: the device's own credentials, then other devices', under those headings; one
 * types into it to narrow a long list.
 */
export function RunAsSelect({
  runAs,
  error,
  disabled,
  onChosen,
}: {
  runAs: RunAs;
  /** The form's error for the field (shown instead of the help). */
  error: string | undefined;
  disabled: boolean;
  /** After the user picked a credential (the form clears the field's error). */
  onChosen: () => void;
}) {
  const options = useMemo(
    () => [...choices('This device', runAs.own), ...choices('Other devices', runAs.others)],
    [runAs.own, runAs.others],
  );
  return (
    <FilteredPicker
      label="Run as"
      required
      value={runAs.credentialId}
      options={options}
      onChange={(value) => {
        runAs.choose(value);
        onChosen();
      }}
      placeholder={runAsPlaceholder(runAs.logins)}
      what="credentials"
      disabled={disabled}
      error={error !== undefined || runAs.logins.state === 'error'}
      helperText={error ?? runAs.help}
    />
  );
}

/**
 * Below the fields: the confirmation a credential of another device needs (its password goes to a
 * device it does not belong to), and Reload when the credentials could not be loaded.
 */
export function RunAsNotes({
  runAs,
  deviceName,
  disabled,
  onConfirmed,
}: {
  runAs: RunAs;
  deviceName: string | undefined;
  disabled: boolean;
  onConfirmed: () => void;
}) {
  return (
    <>
      {runAs.chosenElsewhere && (
        <Box>
          <FormControlLabel
            control={
              <Checkbox
                checked={runAs.elsewhere}
                disabled={disabled}
                onChange={(e) => {
                  runAs.confirmElsewhere(e.target.checked);
                  onConfirmed();
                }}
              />
            }
            label="Use on another device"
          />
          <FormHelperText sx={{ mt: 0 }}>
            {`Its password is sent to ${deviceName ?? 'this device'}, not the device it belongs to. The run is audited as a use of the password on this device.`}
          </FormHelperText>
        </Box>
      )}
      {runAs.logins.state === 'error' && (
        <Box>
          <Button size="small" onClick={runAs.reload}>
            Reload the credentials
          </Button>
        </Box>
      )}
    </>
  );
}
