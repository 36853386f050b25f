import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import TextField from '@mui/material/TextField';
import type { LoginOption } from '../../stores/templates-store';
import { runAsPlaceholder } from './run-as';
import { loginLabel } from './test-on-device';
import type { RunAs } from './use-run-as';

const options = (label: string, logins: readonly LoginOption[]) =>
  logins.length > 0 && (
    <optgroup label={label}>
      {logins.map((l) => (
        <option key={l.id} value={String(l.id)}>
          {loginLabel(l)}
        </option>
      ))}
    </optgroup>
  );

/** The Run as field: the device's own credentials, then other devices'. */
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
  return (
    <TextField
      select
      label="Run as"
      required
      value={runAs.credentialId}
      onChange={(e) => {
        runAs.choose(e.target.value);
        onChosen();
      }}
      disabled={disabled}
      error={error !== undefined || runAs.logins.state === 'error'}
      helperText={error ?? runAs.help}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
    >
      <option value="">{runAsPlaceholder(runAs.logins)}</option>
      {options('This device', runAs.own)}
      {options('Other devices', runAs.others)}
    </TextField>
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
