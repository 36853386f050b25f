import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../../shared/domain/audit';
import { api } from '../../../api/client';
import { auditChangeLines } from '../../audit/audit-format';
import { fieldLabels } from '../../common/field-labels';
import { LoadErrorAlert } from '../../common/LoadErrorAlert';
import { failureText } from '../failure-text';
import { credentialLabel } from '../list/grid-rows';
import type { RowTarget } from '../list/row-actions';
import { DateTime } from '../../common/DateTime';

type HistoryState =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; entries: AuditEntry[] };

/** Audit actions as people say them. */
const actionLabels: Partial<Record<AuditEntry['action'], string>> = {
  create: 'Created',
  update: 'Updated',
  delete: 'Deleted',
  activate: 'Activated',
  deactivate: 'Deactivated',
  reveal_password: 'Password viewed',
  change_password: 'Password changed on the device',
  use_password: 'Password used to log in',
  import: 'Imported',
  export: 'Exported',
  session_console_open: 'Session console logged in',
  session_console_close: 'Session console closed',
  session_terminal_open: 'Session terminal logged in',
  session_terminal_close: 'Session terminal closed',
};

/** History: the credential's audit entries, newest first, as the core returns them. */
export function HistoryDialog({ target, onClose }: { target: RowTarget; onClose: () => void }) {
  const { credential, device } = target;
  const [state, setState] = useState<HistoryState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    void api.call('credentials.history', { id: credential.id }).then((result) => {
      if (!current) return;
      setState(
        result.ok
          ? { status: 'ready', entries: result.value }
          : { status: 'error', message: failureText(result) },
      );
    });
    return () => {
      current = false;
    };
  }, [credential.id, attempt]);

  return (
    <Dialog open onClose={onClose} aria-labelledby="history-title" maxWidth="md" fullWidth>
      <DialogTitle id="history-title">{`History of ${credentialLabel(credential.username, device.name)}`}</DialogTitle>
      <DialogContent>
        {state.status === 'loading' && <LinearProgress aria-label="Loading the history" />}
        {state.status === 'error' && (
          <LoadErrorAlert
            what="the history"
            message={state.message}
            onRetry={() => {
              setState({ status: 'loading' });
              setAttempt((n) => n + 1);
            }}
          />
        )}
        {state.status === 'ready' && state.entries.length === 0 && <Typography>No history yet.</Typography>}
        {state.status === 'ready' && state.entries.length > 0 && (
          <Table aria-label="History" size="small">
            <TableHead>
              <TableRow>
                <TableCell>Time</TableCell>
                <TableCell>Actor</TableCell>
                <TableCell>Action</TableCell>
                <TableCell>Fields</TableCell>
                <TableCell>Changes</TableCell>
                <TableCell>Result</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {state.entries.map((entry) => (
                <TableRow key={entry.seq}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <DateTime iso={entry.at} />
                  </TableCell>
                  <TableCell>{entry.actor}</TableCell>
                  <TableCell>{actionLabels[entry.action] ?? entry.action}</TableCell>
                  <TableCell title={entry.fields.length > 0 ? entry.fields.join(', ') : undefined}>
                    {entry.fields.length > 0 ? fieldLabels(entry.entity, entry.fields).join(', ') : '—'}
                  </TableCell>
                  <TableCell>
                    <ChangeLines entry={entry} />
                  </TableCell>
                  <TableCell>
                    {entry.result === 'success' ? 'Success' : 'Failure'}
                    {entry.detail && (
                      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                        {entry.detail}
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

/** Each change of an entry on its own line, before and after (a secret only "changed"), or —. */
function ChangeLines({ entry }: { entry: AuditEntry }) {
  const { lines, more } = auditChangeLines(entry);
  if (lines.length === 0) return <>—</>;
  return (
    <>
      {lines.map((line, i) => (
        <Typography key={i} variant="body2" component="div">
          {line}
        </Typography>
      ))}
      {more > 0 && (
        <Typography variant="body2" component="div" sx={{ color: 'text.secondary' }}>
          {`and ${more} more field(s)`}
        </Typography>
      )}
    </>
  );
}
