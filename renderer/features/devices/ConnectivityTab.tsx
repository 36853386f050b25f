import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { protocols, type Protocol } from '../../../shared/domain/device';
import { HostKeysSection } from './HostKeysSection';
import { nextRow, protocolNames, type ConnectivityRow, type DeviceErrors } from './device-draft';

export interface ConnectivityTabProps {
  rows: ConnectivityRow[];
  errors: DeviceErrors;
  /** The saved device's SSH endpoint, for its host keys; absent for a device not saved yet. */
  sshEndpoint?: { host: string; port: number } | undefined;
  /** Replaces the rows and clears the table's errors (row indexes move when rows come and go). */
  setRows: (rows: ConnectivityRow[]) => void;
}

const isProtocol = (value: string): value is Protocol => Object.hasOwn(protocols, value);

/**
 * The protocols the device offers, one row each with its port. Each row is a group named after its
 * protocol, so `Port` can be found per row, and its remove button says which row it removes.
 */
export function ConnectivityTab({ rows, errors, setRows, sshEndpoint }: ConnectivityTabProps) {
  const update = (key: number, change: Partial<ConnectivityRow>) =>
    setRows(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));

  return (
    <Stack spacing={1.5} sx={{ pt: 1 }}>
      {rows.length === 0 && (
        <Typography color="text.secondary">
          No protocols yet. Add those the device offers, e.g. SSH on port 22 or PostgreSQL on port 5432.
        </Typography>
      )}
      {rows.map((row, i) => (
        <Box
          key={row.key}
          role="group"
          aria-label={row.protocol}
          sx={{ display: 'grid', gridTemplateColumns: '200px 180px auto', gap: 1.5, alignItems: 'start' }}
        >
          <TextField
            select
            label="Protocol"
            value={row.protocol}
            onChange={(e) => {
              // Picking a protocol brings its usual port; the user can still change it.
              if (isProtocol(e.target.value))
                update(row.key, { protocol: e.target.value, port: String(protocols[e.target.value]) });
            }}
            error={errors[`connectivity.${i}.protocol`] !== undefined}
            helperText={errors[`connectivity.${i}.protocol`] ?? ' '}
            slotProps={{ select: { native: true } }}
          >
            {protocolNames.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </TextField>
          <TextField
            label="Port"
            value={row.port}
            onChange={(e) => update(row.key, { port: e.target.value })}
            error={errors[`connectivity.${i}.port`] !== undefined}
            helperText={errors[`connectivity.${i}.port`] ?? ' '}
            slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
          />
          <Box sx={{ pt: 0.5 }}>
            <IconButton
              aria-label={`Remove ${row.protocol}`}
              onClick={() => setRows(rows.filter((r) => r.key !== row.key))}
            >
              <DeleteOutlineIcon fontSize="small" />
            </IconButton>
          </Box>
        </Box>
      ))}
      {errors.connectivity !== undefined && <Alert severity="error">{errors.connectivity}</Alert>}
      <Box>
        <Button
          startIcon={<AddIcon />}
          onClick={() => setRows([...rows, nextRow(rows)])}
          disabled={rows.length >= protocolNames.length}
        >
          Add protocol
        </Button>
      </Box>
      {sshEndpoint && <HostKeysSection host={sshEndpoint.host} port={sshEndpoint.port} />}
    </Stack>
  );
}
