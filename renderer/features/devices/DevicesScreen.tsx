import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { Device } from '../../../shared/domain/device';
import { useDevicesStore } from '../../stores/devices-store';
import { TransferButtons } from '../transfer/TransferButtons';
import { ConfirmDeleteDialog } from '../common/ConfirmDeleteDialog';
import { announceDeleted } from '../common/save-toast';
import { LoadErrorAlert } from '../common/LoadErrorAlert';
import { DeviceDialog } from './DeviceDialog';
import { DevicesGrid } from './DevicesGrid';

/** Which dialog is open: the form (for a new device or an existing one) or the delete question. */
type Open =
  { kind: 'none' } | { kind: 'form'; device: Device | undefined } | { kind: 'delete'; device: Device };

/** Why deleting `device` would be refused, known from the list (the core checks again). */
function refusalOf(device: Device): string | undefined {
  const n = device.credentialCount;
  if (n === 0) return undefined;
  return `${device.name} cannot be deleted: it holds ${n} ${n === 1 ? 'credential' : 'credentials'}. Delete or move them first.`;
}

/** Devices > All devices: the list, the Device form, and the bundle import/export. */
export function DevicesScreen() {
  const devices = useDevicesStore((s) => s.devices);
  const loading = useDevicesStore((s) => s.loading);
  const loadError = useDevicesStore((s) => s.loadError);
  const load = useDevicesStore((s) => s.load);
  const remove = useDevicesStore((s) => s.remove);
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const close = () => setOpen({ kind: 'none' });

  // Fresh on every visit: counts move when credentials change elsewhere.
  useEffect(() => void load(), [load]);

  return (
    <Stack spacing={2} sx={{ height: '100%', minHeight: 420 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h1" sx={{ flexGrow: 1 }}>
          Devices
        </Typography>
        <TransferButtons />
        <Button variant="contained" onClick={() => setOpen({ kind: 'form', device: undefined })}>
          + New device
        </Button>
      </Stack>
      <LoadErrorAlert what="the devices" message={loadError} onRetry={() => void load()} />
      <Box sx={{ flex: 1, minHeight: 0 }}>
        <DevicesGrid
          devices={devices}
          loading={loading}
          onEdit={(device) => setOpen({ kind: 'form', device })}
          onDelete={(device) => setOpen({ kind: 'delete', device })}
        />
      </Box>
      {open.kind === 'form' && <DeviceDialog device={open.device} onClose={close} />}
      {open.kind === 'delete' && (
        <ConfirmDeleteDialog
          title="Delete device"
          question={`Delete ${open.device.name} (${open.device.address})? A device that still holds credentials cannot be deleted.`}
          refusal={refusalOf(open.device)}
          onConfirm={() => remove(open.device.id)}
          onClose={close}
          onDeleted={() => {
            announceDeleted(open.device.name);
            close();
          }}
        />
      )}
    </Stack>
  );
}
