import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import { usePluginsStore } from '../../stores/plugins-store';
import { LoadErrorAlert } from '../common/LoadErrorAlert';

/**
 * Executions > Plugins: the built-in executors, read-only. A short fixed list, so a plain table
 * rather than the DataGrid.
 */
export function PluginsScreen() {
  const plugins = usePluginsStore((s) => s.plugins);
  const loaded = usePluginsStore((s) => s.loaded);
  const loadError = usePluginsStore((s) => s.loadError);
  const ensureLoaded = usePluginsStore((s) => s.ensureLoaded);

  useEffect(() => void ensureLoaded(), [ensureLoaded]);

  return (
    <Stack spacing={2} sx={{ maxWidth: 1200 }}>
      <Typography variant="h1">Plugins</Typography>
      <Alert severity="info" variant="outlined" role="note">
        Plugins are built in; they cannot be added or removed.
      </Alert>
      <LoadErrorAlert what="the plugins" message={loadError} onRetry={() => void ensureLoaded()} />
      {!loaded && loadError === undefined && <LinearProgress aria-label="Loading the plugins" />}
      {loaded && (
        <TableContainer component={Paper} variant="outlined">
          <Table aria-label="Plugins">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Description</TableCell>
                <TableCell>Protocol</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  Default port
                </TableCell>
                <TableCell>Available</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {plugins.map((p) => (
                <TableRow key={p.id}>
                  {/* The name heads its row, so a row can be found by its plugin. */}
                  <TableCell component="th" scope="row" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
                    {p.name}
                  </TableCell>
                  <TableCell>{p.description}</TableCell>
                  <TableCell>{p.protocol ?? '—'}</TableCell>
                  <TableCell align="right">{p.defaultPort ?? '—'}</TableCell>
                  <TableCell
                    sx={{ color: p.available ? 'success.main' : 'text.secondary', whiteSpace: 'nowrap' }}
                  >
                    {p.available ? 'Available' : 'Not available in this build'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Stack>
  );
}
