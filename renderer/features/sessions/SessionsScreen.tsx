import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Session } from '../../../shared/domain/session';
import { sessionPath } from '../../paths';
import { useSessionsStore } from '../../stores/sessions-store';
import { LoadErrorAlert } from '../common/LoadErrorAlert';
import { ForceCloseDialog } from './ForceCloseDialog';
import { SessionDetailsDialog } from './SessionDetailsDialog';
import { isSessionsFiltered } from './sessions-filter-draft';
import { SessionsFilterBar } from './SessionsFilterBar';
import { endAnswerSeverity, endAnswerText } from './session-format';
import { SessionsGrid, sessionRowLabel, type SessionRowHandlers } from './SessionsGrid';

const noneYet =
  'No sessions yet. Start one with Start session (▶) on a credential: Credentials > All, or Just In Time for JIT ones.';
const noneMatch = 'No sessions match the filter. Change it, or use Clear.';

type Notice = { severity: 'success' | 'info' | 'warning' | 'error'; text: string };
type OpenDialog = { kind: 'details' | 'forceClose'; session: Session };

/**
 * PAM Core > Access control > Remote sessions: live and finished JIT sessions, filtered by the
 * core; End session, and Force close (with a reason) for one that needs attention. Rows follow
 * `sessions.changed` in place.
 */
export function SessionsScreen() {
  const loadError = useSessionsStore((s) => s.loadError);
  const loaded = useSessionsStore((s) => s.loaded);
  const filtered = useSessionsStore((s) => isSessionsFiltered(s.filter));
  const load = useSessionsStore((s) => s.load);
  const watch = useSessionsStore((s) => s.watch);
  const applyFilter = useSessionsStore((s) => s.applyFilter);
  const end = useSessionsStore((s) => s.end);
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<OpenDialog | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();

  useEffect(() => {
    const stop = watch();
    void load();
    return stop;
  }, [watch, load]);

  // Stable, so the grid keeps its columns across renders.
  const handlers = useMemo<SessionRowHandlers>(
    () => ({
      onOpen: (session) => void navigate(sessionPath(session.id)),
      onDetails: (session) => setDialog({ kind: 'details', session }),
      onForceClose: (session) => setDialog({ kind: 'forceClose', session }),
      onEnd: (session) => {
        setNotice(undefined);
        void end(session.id).then((result) =>
          setNotice(
            result.ok
              ? {
                  severity: endAnswerSeverity(result.value),
                  text: endAnswerText(result.value, sessionRowLabel(session)),
                }
              : { severity: 'error', text: `Could not end the session: ${result.message}` },
          ),
        );
      },
    }),
    [end, navigate],
  );

  // Before the first page (or after it failed) "none yet" would be a claim we cannot make.
  const emptyText = !loaded ? '' : filtered ? noneMatch : noneYet;

  return (
    <Stack spacing={2} sx={{ height: '100%', minHeight: 480 }}>
      <Typography variant="h1">Remote sessions</Typography>
      <SessionsFilterBar onApply={(filter) => void applyFilter(filter)} />
      <LoadErrorAlert what="the sessions" message={loadError} onRetry={() => void load()} />
      {notice && (
        <Alert
          severity={notice.severity}
          role={notice.severity === 'error' ? 'alert' : 'status'}
          onClose={() => setNotice(undefined)}
        >
          {notice.text}
        </Alert>
      )}
      <Box sx={{ flex: 1, minHeight: 0 }}>
        <SessionsGrid emptyText={emptyText} handlers={handlers} />
      </Box>
      {dialog?.kind === 'details' && (
        <SessionDetailsDialog row={dialog.session} onClose={() => setDialog(undefined)} />
      )}
      {dialog?.kind === 'forceClose' && (
        <ForceCloseDialog
          session={dialog.session}
          onClose={() => setDialog(undefined)}
          onClosed={() => {
            setDialog(undefined);
            setNotice({
              severity: 'success',
              text: `Force closed the session of ${sessionRowLabel(dialog.session)}`,
            });
          }}
        />
      )}
    </Stack>
  );
}
