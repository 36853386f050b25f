import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { FilteredPicker } from '../common/FilteredPicker';
import { SubmitForm } from '../common/SubmitForm';
import { findPlugin } from '../../../shared/domain/plugin';
import type { Template } from '../../../shared/domain/template';
import type { Operation } from '../../../shared/domain/operation';
import type { Failure } from '../../../shared/result';
import { useDevicesStore } from '../../stores/devices-store';
import { useTemplatesStore } from '../../stores/templates-store';
import { placeFailure } from '../devices/form-failure';
import { LeftAccountNote } from './LeftAccountNote';
import { RoundTripSection } from './RoundTripSection';
import type { TemplateDraft } from './template-draft';
import { RunAsNotes, RunAsSelect } from './RunAsFields';
import {
  endpointText,
  isSqlPlugin,
  leftAccount,
  partnerCandidates,
  partnerTypeOf,
  removalCandidates,
  roundTripOrder,
  slotForField,
  type TestErrors,
  type TestSlot,
} from './test-on-device';
import { TestOutcomeView, TestProgress, type TestOutcome } from './TestOutcome';
import { useRunAs } from './use-run-as';

export const accountHelp = 'Empty: a fresh ephemeral name (prefix + 7 digits) is generated';

export interface TestOnDeviceDialogProps {
  /** The saved template the editor edits (undefined for a new one): the round trip runs it. */
  template: Template | undefined;
  /** What the editor holds: a single test runs it, saved or not. */
  draft: TemplateDraft;
  /** The editor holds changes not saved (or a template never saved): the test runs the draft. */
  unsaved: boolean;
  onClose: () => void;
}

/** The fields besides Run as (see useRunAs). */
interface Form {
  deviceId: string;
  username: string;
  additionalInfo: string;
  partnerId: string;
}

/**
 * Test on a device: runs what the editor holds (the saved version, or the unsaved draft, which
 * the core checks as Save would and runs without saving a version) against a device as a chosen credential, with
 * generated test values, and shows the operation it made: status, error, and each line's output
 * (masked by the core). For a JIT pair's template, the round trip runs both halves with a check
 * after each. Steps appear as the core streams them.
 */
export function TestOnDeviceDialog({ template, draft, unsaved, onClose }: TestOnDeviceDialogProps) {
  const titleId = useId();
  const devices = useDevicesStore((s) => s.devices);
  const devicesLoaded = useDevicesStore((s) => s.loaded);
  const devicesError = useDevicesStore((s) => s.loadError);
  const loadDevices = useDevicesStore((s) => s.load);
  const templates = useTemplatesStore((s) => s.templates);
  const runTest = useTemplatesStore((s) => s.test);
  const runRoundTrip = useTemplatesStore((s) => s.testRoundTrip);
  const cancelOperation = useTemplatesStore((s) => s.cancelOperation);
  const liveTest = useTemplatesStore((s) => s.liveTest);

  // The round trip runs saved templates: it is offered for a template that has been saved.
  const partners = useMemo(
    () => (template ? partnerCandidates(template, templates) : []),
    [template, templates],
  );
  const partnerType = template ? partnerTypeOf(template) : undefined;
  const plugin = findPlugin(draft.pluginId);
  const pluginName = plugin?.name ?? draft.pluginId;
  const available = plugin?.available ?? false;

  const [form, setForm] = useState<Form>({
    deviceId: '',
    username: '',
    additionalInfo: '',
    partnerId: partners[0] ? String(partners[0].id) : '',
  });
  const [errors, setErrors] = useState<TestErrors>({});
  const [running, setRunning] = useState<'test' | 'roundTrip' | undefined>();
  const [outcome, setOutcome] = useState<TestOutcome>({ kind: 'none' });
  /** The request of the last single test: the account it left is removed where it was made. */
  const ranWith = useRef<ReturnType<typeof common>>(undefined);

  const deviceId = form.deviceId === '' ? null : Number(form.deviceId);
  const device = devices.find((d) => d.id === deviceId);
  // The store holds every device already; typing narrows them here (1,000 stay quick).
  const deviceOptions = useMemo(
    () =>
      devices.map((d) => ({
        value: String(d.id),
        label: `${d.name} (${d.address})${d.active ? '' : ' (inactive)'}`,
      })),
    [devices],
  );
  const runAs = useRunAs(deviceId);

  useEffect(() => void loadDevices(), [loadDevices]);

  const clearError = (slot: TestSlot) => setErrors(({ [slot]: _cleared, form: _form, ...rest }) => rest);
  const edit = (key: keyof Form, value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    clearError(key);
  };

  /** Another device, other credentials: Run as follows the device again. */
  const pickDevice = (value: string) => {
    edit('deviceId', value);
    runAs.followDevice();
  };

  /** Device and Run as are required for both runs; the partner only for the round trip. */
  const validate = (withPartner: boolean): TestErrors => {
    const next: TestErrors = {};
    if (form.deviceId === '') next.deviceId = 'Choose a device';
    const runAsProblem = runAs.problem();
    if (runAsProblem !== undefined) next.credentialId = runAsProblem;
    if (withPartner && form.partnerId === '')
      next.partnerId = `Choose a ${partnerType ?? 'partner'} template`;
    return next;
  };

  const common = () => ({
    deviceId: Number(form.deviceId),
    ...runAs.request(),
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
      const { name, pluginId, executionType, content } = draft;
      const subject =
        unsaved || !template
          ? {
              ...(template ? { templateId: template.id } : {}),
              draft: { name, pluginId, executionType, content },
            }
          : { templateId: template.id };
      const request = common();
      ranWith.current = request;
      const result = await runTest({ ...subject, ...request });
      setRunning(undefined);
      if (result.ok) setOutcome({ kind: 'test', operation: result.value });
      else showFailure(result);
      return;
    }
    const partner = partners.find((p) => p.id === Number(form.partnerId));
    if (!partner || !template) {
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

  /** What a finished run ran: the draft (no version), or a saved template (a deletion run, say). */
  const ranTemplate = (op: Operation) => {
    const saved = op.templateVersion === null ? undefined : templates.find((t) => t.id === op.templateId);
    return saved ?? { ...draft, builtIn: template?.builtIn ?? false };
  };

  /**
   * Removes the account a creation test left: the deletion template, on the device and as the
   * credential that test ran with (not what the fields say now: another device may be chosen since).
   */
  const removeLeft = async (created: Operation, remover: Template) => {
    const request = ranWith.current ?? common();
    setRunning('test');
    const result = await runTest({ templateId: remover.id, ...request, username: created.account });
    setRunning(undefined);
    if (result.ok) setOutcome({ kind: 'test', operation: result.value });
    else showFailure(result);
  };

  const cancel = (id: string) => {
    void cancelOperation(id).then((result) => {
      if (!result.ok) setErrors({ form: `Could not cancel: ${result.message}` });
    });
  };

  const sql = isSqlPlugin(draft.pluginId);
  const deviceHelp =
    devicesError !== undefined
      ? `Could not load the devices: ${devicesError}`
      : devicesLoaded && devices.length === 0
        ? 'No devices yet: add one under Devices'
        : device
          ? endpointText(device, draft.pluginId)
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
      <SubmitForm
        onSubmit={() => {
          if (running === undefined && available) void start('test');
        }}
      >
        <DialogTitle id={titleId} sx={{ pb: 0.5 }}>
          Test on a device
        </DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <Typography variant="body2" color="text.secondary">
              {`${draft.name.trim() || 'A new template'} · ${unsaved || !template ? 'unsaved draft' : `version ${template.version}`} · ${pluginName} · ${draft.executionType}`}
            </Typography>
            {!available && (
              <Alert severity="info" role="note">
                {`${pluginName} is not available in this build: its templates cannot run.`}
              </Alert>
            )}
            {unsaved && (
              <Alert severity="info" role="note">
                {template
                  ? `The test runs the editor's unsaved text, checked as Save checks it; no version is saved. The round trip runs the saved version ${template.version}.`
                  : "The test runs the editor's text, checked as Save checks it; nothing is saved."}
              </Alert>
            )}
            <Typography variant="body2">
              The template really runs on the device, with generated test values: a creation template creates
              the account, a delete template deletes it, a password change sets a generated password that is
              neither stored nor shown (refused on an account a stored credential of the device holds).
            </Typography>
            <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
              <FilteredPicker
                label="Device"
                required
                value={form.deviceId}
                options={deviceOptions}
                onChange={pickDevice}
                placeholder="Choose a device"
                what="devices"
                disabled={running !== undefined}
                error={errors.deviceId !== undefined || devicesError !== undefined}
                helperText={errors.deviceId ?? deviceHelp}
              />
              <RunAsSelect
                runAs={runAs}
                error={errors.credentialId}
                disabled={running !== undefined}
                onChosen={() => clearError('credentialId')}
              />
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
            <RunAsNotes
              runAs={runAs}
              deviceName={device?.name}
              disabled={running !== undefined}
              onConfirmed={() => clearError('credentialId')}
            />
            {partnerType !== undefined && template && (
              <RoundTripSection
                template={template}
                partnerType={partnerType}
                partners={partners}
                pluginName={pluginName}
                partnerId={form.partnerId}
                onPartner={(value) => edit('partnerId', value)}
                error={errors.partnerId}
                busy={running !== undefined}
                available={available}
                onRun={() => void start('roundTrip')}
              />
            )}
            {errors.form !== undefined && <Alert severity="error">{errors.form}</Alert>}
            {running !== undefined && (
              <TestProgress running={running} operations={liveTest?.operations ?? []} onCancel={cancel} />
            )}
            {outcome.kind !== 'none' && running === undefined && <TestOutcomeView outcome={outcome} />}
            {/* Only after a run that made an account and left it: a deletion's own result is not one. */}
            {outcome.kind === 'test' &&
              running === undefined &&
              leftAccount(ranTemplate(outcome.operation), outcome.operation) && (
                <LeftAccountNote
                  key={outcome.operation.id}
                  operation={outcome.operation}
                  removers={removalCandidates(ranTemplate(outcome.operation), outcome.operation, templates)}
                  onRemove={(remover) => void removeLeft(outcome.operation, remover)}
                />
              )}
          </Stack>
        </DialogContent>
        <DialogActions sx={{ px: 3 }}>
          <Button onClick={onClose}>Close</Button>
          <Button type="submit" variant="contained" disabled={running !== undefined || !available}>
            Run test
          </Button>
        </DialogActions>
      </SubmitForm>
    </Dialog>
  );
}
