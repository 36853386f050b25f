import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useId, useMemo, useState } from 'react';
import type { Operation } from '../../../shared/domain/operation';
import { findPlugin } from '../../../shared/domain/plugin';
import type { Template } from '../../../shared/domain/template';
import type { Failure } from '../../../shared/result';
import { useDevicesStore } from '../../stores/devices-store';
import { useTemplatesStore, type LoginChoices, type RoundTripResult } from '../../stores/templates-store';
import { placeFailure } from '../devices/form-failure';
import {
  endpointText,
  isSqlPlugin,
  loginLabel,
  partnerCandidates,
  partnerTypeOf,
  roundTripOrder,
  slotForField,
  usableLogins,
  type TestErrors,
  type TestSlot,
} from './test-on-device';
import { TestOperationView } from './TestOperationView';

export const accountHelp = 'Empty: a fresh ephemeral name (prefix + 7 digits) is generated';

export interface TestOnDeviceDialogProps {
  /** The saved template to run (its current version). */
  template: Template;
  /** The editor holds changes not saved yet: they are not what runs. */
  unsaved: boolean;
  onClose: () => void;
}

/** The credentials that can run on the chosen device: its own first, then other devices'. */
type Logins =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'done'; deviceId: number; choices: LoginChoices };

type Outcome =
  { kind: 'none' } | { kind: 'test'; operation: Operation } | { kind: 'roundTrip'; result: RoundTripResult };

interface Form {
  deviceId: string;
  credentialId: string;
  username: string;
  additionalInfo: string;
  partnerId: string;
  /** Confirmed: log in to this device with a credential of another device (the core audits it). */
  elsewhere: boolean;
}

/**
 * Test on a device: runs the saved template against a device as a chosen credential, with
 * generated test values, and shows the operation it made: status, error, and each line's output
 * (masked by the core). For a JIT pair's template, the round trip runs both halves with a check
 * after each. Steps appear as the core streams them.
 */
export function TestOnDeviceDialog({ template, unsaved, onClose }: TestOnDeviceDialogProps) {
  const titleId = useId();
  const devices = useDevicesStore((s) => s.devices);
  const devicesLoaded = useDevicesStore((s) => s.loaded);
  const devicesError = useDevicesStore((s) => s.loadError);
  const loadDevices = useDevicesStore((s) => s.load);
  const templates = useTemplatesStore((s) => s.templates);
  const loginOptions = useTemplatesStore((s) => s.loginOptions);
  const runTest = useTemplatesStore((s) => s.test);
  const runRoundTrip = useTemplatesStore((s) => s.testRoundTrip);
  const cancelOperation = useTemplatesStore((s) => s.cancelOperation);
  const liveTest = useTemplatesStore((s) => s.liveTest);

  const partners = useMemo(() => partnerCandidates(template, templates), [template, templates]);
  const partnerType = partnerTypeOf(template);
  const plugin = findPlugin(template.pluginId);
  const available = plugin?.available ?? false;

  const [logins, setLogins] = useState<Logins>({ state: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const [form, setForm] = useState<Form>({
    deviceId: '',
    credentialId: '',
    username: '',
    additionalInfo: '',
    partnerId: partners[0] ? String(partners[0].id) : '',
    elsewhere: false,
  });
  const [errors, setErrors] = useState<TestErrors>({});
  const [running, setRunning] = useState<'test' | 'roundTrip' | undefined>();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  /** Whether the user chose Run as; until then it follows the device (its own credential). */
  const [runAsChosen, setRunAsChosen] = useState(false);

  const deviceId = form.deviceId === '' ? null : Number(form.deviceId);
  const device = devices.find((d) => d.id === deviceId);

  useEffect(() => void loadDevices(), [loadDevices]);
  // Run as offers the chosen device's credentials, asked for when the device is chosen.
  useEffect(() => {
    if (deviceId === null) {
      setLogins({ state: 'idle' });
      return;
    }
    let current = true;
    setLogins({ state: 'loading' });
    void loginOptions(deviceId).then((result) => {
      if (!current) return;
      if (!result.ok) {
        setLogins({ state: 'error', message: result.message });
        return;
      }
      setLogins({ state: 'done', deviceId, choices: result.value });
    });
    return () => {
      current = false;
    };
  }, [loginOptions, deviceId, attempt]);

  const own = useMemo(() => (logins.state === 'done' ? usableLogins(logins.choices.own) : []), [logins]);
  const others = useMemo(
    () => (logins.state === 'done' ? usableLogins(logins.choices.others) : []),
    [logins],
  );

  // Until the user chooses Run as, it follows the device: its first usable credential.
  useEffect(() => {
    if (runAsChosen || logins.state !== 'done' || logins.deviceId !== deviceId) return;
    setForm((f) => ({ ...f, credentialId: own[0] ? String(own[0].id) : '' }));
  }, [runAsChosen, logins, deviceId, own]);

  // The chosen Run as belongs to another device: it needs the explicit confirmation.
  const chosenElsewhere = form.credentialId !== '' && others.some((l) => String(l.id) === form.credentialId);

  const edit = (key: Exclude<keyof Form, 'elsewhere'>, value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors(({ [key]: _cleared, form: _form, ...rest }) => rest);
  };

  /** Another device, other credentials: Run as follows the device again. */
  const pickDevice = (value: string) => {
    edit('deviceId', value);
    setForm((f) => ({ ...f, credentialId: '', elsewhere: false }));
    setRunAsChosen(false);
  };

  /** Device and Run as are required for both runs; the partner only for the round trip. */
  const validate = (withPartner: boolean): TestErrors => {
    const next: TestErrors = {};
    if (form.deviceId === '') next.deviceId = 'Choose a device';
    if (form.credentialId === '') next.credentialId = 'Choose the credential that runs the template';
    else if (chosenElsewhere && !form.elsewhere)
      next.credentialId = 'A credential of another device: confirm "Use on another device" to log in with it';
    if (withPartner && form.partnerId === '')
      next.partnerId = `Choose a ${partnerType ?? 'partner'} template`;
    return next;
  };

  const common = () => ({
    deviceId: Number(form.deviceId),
    login: { credentialId: Number(form.credentialId) },
    ...(chosenElsewhere && form.elsewhere ? { useOnAnotherDevice: true } : {}),
    ...(form.username.trim() === '' ? {} : { username: form.username.trim() }),
    ...(form.additionalInfo.trim() === '' ? {} : { additionalInfo: form.additionalInfo.trim() }),
  });

  const showFailure = (failure: Failure) => {
    const placed = placeFailure(failure);
    const slot: TestSlot = slotForField(placed.field);
    setErrors({ [slot]: placed.message });
  };

  const start = async (kind: 'test' | 'roundTrip') => {
    const found = validate(kind === 'roundTrip');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setOutcome({ kind: 'none' });
    setRunning(kind);
    if (kind === 'test') {
      const result = await runTest({ templateId: template.id, ...common() });
      setRunning(undefined);
      if (result.ok) setOutcome({ kind: 'test', operation: result.value });
      else showFailure(result);
      return;
    }
    const partner = partners.find((p) => p.id === Number(form.partnerId));
    if (!partner) {
      setRunning(undefined);
      setErrors({ partnerId: 'That template no longer exists' });
      return;
    }
    const { first, second } = roundTripOrder(template, partner);
    const result = await runRoundTrip({
      firstTemplateId: first.id,
      secondTemplateId: second.id,
      ...common(),
    });
    setRunning(undefined);
    if (result.ok) setOutcome({ kind: 'roundTrip', result: result.value });
    else showFailure(result);
  };

  const cancel = (id: string) => {
    void cancelOperation(id).then((result) => {
      if (!result.ok) setErrors({ form: `Could not cancel: ${result.message}` });
    });
  };

  const sql = isSqlPlugin(template.pluginId);
  const loginHelp =
    logins.state === 'error'
      ? `Could not load the credentials: ${logins.message}`
      : logins.state === 'idle'
        ? 'Choose the device first: its credentials are offered'
        : logins.state === 'done' && own.length === 0 && others.length === 0
          ? 'No active credential with a password: add one under PAM Core > Credentials'
          : logins.state === 'done' && logins.choices.othersMore > 0
            ? `An active credential with a password connects and runs the template; ${logins.choices.othersMore} more of other devices are not listed`
            : 'An active credential with a password (the device’s own first); it connects and runs the template';
  const deviceHelp =
    devicesError !== undefined
      ? `Could not load the devices: ${devicesError}`
      : devicesLoaded && devices.length === 0
        ? 'No devices yet: add one under Devices'
        : device
          ? endpointText(device, template.pluginId)
          : 'The target the template runs on';

  return (
    <Dialog
      open
      // A click beside the dialog must not lose a result being read: Close or Escape only.
      onClose={(_e, reason) => {
        if (reason !== 'backdropClick') onClose();
      }}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="lg"
    >
      <Box
        component="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (running === undefined && available) void start('test');
        }}
      >
        <DialogTitle id={titleId} sx={{ pb: 0.5 }}>
          Test on a device
        </DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <Typography variant="body2" color="text.secondary">
              {`${template.name} · version ${template.version} · ${plugin?.name ?? template.pluginId} · ${template.executionType}`}
            </Typography>
            {!available && (
              <Alert severity="info" role="note">
                {`${plugin?.name ?? template.pluginId} is not available in this build: its templates cannot run.`}
              </Alert>
            )}
            {unsaved && (
              <Alert severity="warning" role="note">
                {`The editor has unsaved changes: the test runs the saved version ${template.version}.`}
              </Alert>
            )}
            <Typography variant="body2">
              The template really runs on the device, with generated test values: a creation template creates
              the account, a delete template deletes it.
            </Typography>
            <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
              <TextField
                select
                label="Device"
                required
                value={form.deviceId}
                onChange={(e) => pickDevice(e.target.value)}
                disabled={running !== undefined}
                error={errors.deviceId !== undefined || devicesError !== undefined}
                helperText={errors.deviceId ?? deviceHelp}
                slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
              >
                <option value="">Choose a device</option>
                {devices.map((d) => (
                  <option key={d.id} value={String(d.id)}>
                    {`${d.name} (${d.address})${d.active ? '' : ' (inactive)'}`}
                  </option>
                ))}
              </TextField>
              <TextField
                select
                label="Run as"
                required
                value={form.credentialId}
                onChange={(e) => {
                  edit('credentialId', e.target.value);
                  // A confirmation is for one credential: choosing another asks again.
                  setForm((f) => ({ ...f, elsewhere: false }));
                  setRunAsChosen(true);
                }}
                disabled={running !== undefined}
                error={errors.credentialId !== undefined || logins.state === 'error'}
                helperText={errors.credentialId ?? loginHelp}
                slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
              >
                <option value="">
                  {logins.state === 'loading'
                    ? 'Loading…'
                    : logins.state === 'idle'
                      ? 'Choose a device first'
                      : 'Choose a credential'}
                </option>
                {own.length > 0 && (
                  <optgroup label="This device">
                    {own.map((l) => (
                      <option key={l.id} value={String(l.id)}>
                        {loginLabel(l)}
                      </option>
                    ))}
                  </optgroup>
                )}
                {others.length > 0 && (
                  <optgroup label="Other devices">
                    {others.map((l) => (
                      <option key={l.id} value={String(l.id)}>
                        {loginLabel(l)}
                      </option>
                    ))}
                  </optgroup>
                )}
              </TextField>
              <TextField
                label="Account"
                value={form.username}
                onChange={(e) => edit('username', e.target.value)}
                disabled={running !== undefined}
                error={errors.username !== undefined}
                helperText={errors.username ?? accountHelp}
                slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off', maxLength: 128 } }}
              />
              <TextField
                label="Additional information"
                value={form.additionalInfo}
                onChange={(e) => edit('additionalInfo', e.target.value)}
                disabled={running !== undefined}
                error={errors.additionalInfo !== undefined}
                helperText={
                  errors.additionalInfo ??
                  (sql
                    ? "The database ([#ADD_INFO#]); empty: the Run as credential's own"
                    : "[#ADD_INFO#]; empty: the Run as credential's own")
                }
                slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off', maxLength: 256 } }}
              />
            </Box>
            {chosenElsewhere && (
              <Box>
                <FormControlLabel
                  control={
                    <Checkbox
                      checked={form.elsewhere}
                      disabled={running !== undefined}
                      onChange={(e) => {
                        setForm((f) => ({ ...f, elsewhere: e.target.checked }));
                        setErrors(({ credentialId: _cleared, form: _form, ...rest }) => rest);
                      }}
                    />
                  }
                  label="Use on another device"
                />
                <FormHelperText sx={{ mt: 0 }}>
                  {`Its password is sent to ${device?.name ?? 'this device'}, not the device it belongs to. The run is audited as a use of the password on this device.`}
                </FormHelperText>
              </Box>
            )}
            {logins.state === 'error' && (
              <Box>
                <Button size="small" onClick={() => setAttempt((n) => n + 1)}>
                  Reload the credentials
                </Button>
              </Box>
            )}
            {partnerType !== undefined && (
              <Box
                component="section"
                aria-label="Round trip"
                sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}
              >
                <Typography variant="h3" sx={{ mb: 0.5 }}>
                  Round trip
                </Typography>
                <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
                  {template.executionType === 'New user' || template.executionType === 'User delete'
                    ? 'Create the account, check it exists, delete it, check it is gone.'
                    : 'Enable the account, check it, disable it, check it. The account must exist already: type it in Account.'}
                </Typography>
                {partners.length === 0 ? (
                  <Typography variant="body2">
                    {`No ${partnerType} template of ${plugin?.name ?? template.pluginId} yet: create one (or clone a built-in) to run the round trip.`}
                  </Typography>
                ) : (
                  <Stack direction="row" spacing={1.5} sx={{ alignItems: 'flex-start' }}>
                    <TextField
                      select
                      label="Partner template"
                      required
                      value={form.partnerId}
                      onChange={(e) => edit('partnerId', e.target.value)}
                      disabled={running !== undefined}
                      error={errors.partnerId !== undefined}
                      helperText={errors.partnerId ?? `The ${partnerType} half of the pair`}
                      sx={{ flex: 1 }}
                      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
                    >
                      <option value="">Choose a template</option>
                      {partners.map((p) => (
                        <option key={p.id} value={String(p.id)}>
                          {`${p.name} (v${p.version}${p.active ? '' : ', inactive'})`}
                        </option>
                      ))}
                    </TextField>
                    <Button
                      variant="outlined"
                      sx={{ mt: 1 }}
                      disabled={running !== undefined || !available}
                      onClick={() => void start('roundTrip')}
                    >
                      Run round trip
                    </Button>
                  </Stack>
                )}
              </Box>
            )}
            {errors.form !== undefined && <Alert severity="error">{errors.form}</Alert>}
            {running !== undefined && (
              <Stack spacing={1.5}>
                <LinearProgress
                  aria-label={running === 'test' ? 'Running the test' : 'Running the round trip'}
                />
                {liveTest?.operations.map((op) => (
                  <TestOperationView key={op.id} operation={op} onCancel={() => cancel(op.id)} />
                ))}
              </Stack>
            )}
            {outcome.kind !== 'none' && running === undefined && (
              <Stack spacing={2} component="section" aria-label="Test result">
                <Divider />
                {outcome.kind === 'test' ? (
                  <TestOperationView operation={outcome.operation} />
                ) : (
                  <>
                    <Alert severity={outcome.result.ok ? 'success' : 'error'} role="status">
                      {outcome.result.summary}
                    </Alert>
                    {outcome.result.operations.map((op) => (
                      <TestOperationView key={op.id} operation={op} />
                    ))}
                  </>
                )}
              </Stack>
            )}
          </Stack>
        </DialogContent>
        <DialogActions sx={{ px: 3 }}>
          <Button onClick={onClose}>Close</Button>
          <Button type="submit" variant="contained" disabled={running !== undefined || !available}>
            Run test
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
