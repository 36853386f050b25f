import ErrorOutlineIcon from '@mui/icons-material/ErrorOutline';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import type { Device } from '../../../shared/domain/device';
import { findPlugin, pluginPort } from '../../../shared/domain/plugin';
import { useDevicesStore } from '../../stores/devices-store';
import { announceSaved } from '../common/save-toast';
import { FormDialog } from '../common/FormDialog';
import { ConnectivityTab } from './ConnectivityTab';
import {
  emptyDraft,
  firstErrorTab,
  fromDraft,
  sameDraft,
  slotFor,
  tabOf,
  toDraft,
  type ConnectivityRow,
  type DeviceDraft,
  type DeviceErrors,
  type DeviceTab,
} from './device-draft';
import { placeFailure } from './form-failure';
import { InformationTab } from './InformationTab';

export interface DeviceDialogProps {
  /** The device to edit, or undefined for a new one. */
  device: Device | undefined;
  onClose: () => void;
}

/** Where SSH runs connect to a saved device (see pluginPort): the host keys shown are that one's. */
function sshEndpointOf(device: Device): { host: string; port: number } | undefined {
  const ssh = findPlugin('ssh');
  const endpoint = ssh ? pluginPort(device.connectivity, ssh) : null;
  return endpoint ? { host: device.address, port: endpoint.port } : undefined;
}

/**
 * The Device form: Information and Connectivity tabs, validated with the shared schema on Save.
 * Errors show beside their field and the form opens the tab of the first one.
 */
export function DeviceDialog({ device, onClose }: DeviceDialogProps) {
  const save = useDevicesStore((s) => s.save);
  const tabsId = useId();
  // What the form loaded: Cancel, Escape or a click outside ask before throwing changes to it away.
  const [loaded] = useState<DeviceDraft>(() => (device ? toDraft(device) : emptyDraft()));
  const [draft, setDraft] = useState<DeviceDraft>(loaded);
  const [errors, setErrors] = useState<DeviceErrors>({});
  const [tab, setTab] = useState<DeviceTab>('information');
  const [saving, setSaving] = useState(false);

  const edit = <K extends keyof DeviceDraft>(key: K, value: DeviceDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors(({ [key]: _cleared, form: _form, ...rest }) => rest);
  };
  const setRows = (connectivity: ConnectivityRow[]) => {
    setDraft((d) => ({ ...d, connectivity }));
    setErrors((e) =>
      Object.fromEntries(
        Object.entries(e).filter(([slot]) => slot !== 'form' && tabOf(slot) !== 'connectivity'),
      ),
    );
  };

  const showErrors = (next: DeviceErrors) => {
    setErrors(next);
    const first = firstErrorTab(next);
    if (first) setTab(first);
  };

  const submit = async () => {
    const parsed = fromDraft(draft);
    if (!parsed.ok) {
      showErrors(parsed.errors);
      return;
    }
    setSaving(true);
    const result = await save(device?.id, parsed.device, device?.updatedAt);
    setSaving(false);
    if (result.ok) {
      announceSaved(result.value.name);
      onClose();
      return;
    }
    const placed = placeFailure(result, 'device');
    showErrors({ [slotFor(placed.field)]: placed.message });
  };

  const tabLabel = (value: DeviceTab, label: string) => {
    const hasError = Object.keys(errors).some((slot) => tabOf(slot) === value);
    return (
      <Tab
        value={value}
        label={label}
        id={`${tabsId}-${value}`}
        aria-controls={`${tabsId}-${value}-panel`}
        // Always there, hidden when the tab has no error: a tab that changes width would leave the
        // selection indicator under the wrong tab.
        icon={
          <ErrorOutlineIcon
            color="error"
            fontSize="small"
            sx={{ visibility: hasError ? 'visible' : 'hidden' }}
          />
        }
        iconPosition="end"
        sx={{ minHeight: 40 }}
      />
    );
  };

  return (
    <FormDialog
      title="Device"
      dirty={!sameDraft(draft, loaded)}
      onClose={onClose}
      onSubmit={() => void submit()}
      saveDisabled={saving}
      maxWidth="md"
      contentProps={{ sx: { minHeight: 420 } }}
    >
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {device ? `Editing ${device.name}` : 'A new device'}
      </Typography>
      <Tabs value={tab} onChange={(_e, value: DeviceTab) => setTab(value)} sx={{ mb: 1, minHeight: 40 }}>
        {tabLabel('information', 'Information')}
        {tabLabel('connectivity', 'Connectivity')}
      </Tabs>
      <Box role="tabpanel" id={`${tabsId}-${tab}-panel`} aria-labelledby={`${tabsId}-${tab}`}>
        {tab === 'information' ? (
          <InformationTab draft={draft} errors={errors} edit={edit} />
        ) : (
          <ConnectivityTab
            rows={draft.connectivity}
            errors={errors}
            setRows={setRows}
            sshEndpoint={device ? sshEndpointOf(device) : undefined}
          />
        )}
      </Box>
      {errors.form !== undefined && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {errors.form}
        </Alert>
      )}
    </FormDialog>
  );
}
