import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { Link as RouterLink, useLocation, useParams } from 'react-router';
import type { Session } from '../../../shared/domain/session';
import { isStartedHere, paths } from '../../paths';
import { useSessionsStore } from '../../stores/sessions-store';
import { FieldList } from '../common/FieldList';
import { useBeforeUnload } from '../common/unsaved-changes';
import {
  deviceOf,
  endedMessage,
  expiryWarning,
  isInUse,
  formatDuration,
  sessionDuration,
} from './session-format';
import { SessionOperations } from './SessionOperations';
import { SessionStateChip } from './SessionStateChip';
import { SessionTerminal } from './terminal/SessionTerminal';
import { hasSqlConsole, SqlConsole } from './sql-console/SqlConsole';
import { useLeaveGuard } from './use-leave-guard';
import { useNow } from './use-now';
import { useSessionPresence } from './use-session-presence';
import { DateTime } from '../common/DateTime';
import { bidiShown } from '../../../shared/domain/text-rules';

export const provisioningTitle = 'Provisioning the credential on the device';
export const provisioningFailed = 'An error occurred while provisioning the credential.';

/**
 * The session view (`/pam/sessions/:id`), opened by Start session: the provisioning and its live
 * steps, then the session itself (state, account, device, time left) with Close, then how it
 * ended. The password is never here: the core keeps it, and the logs arrive masked.
 */
export function SessionView() {
  const { id = '' } = useParams();
  const follow = useSessionsStore((s) => s.follow);
  const session = useSessionsStore((s) => s.followed[id]);
  const error = useSessionsStore((s) => s.followErrors[id]);

  useEffect(() => follow(id), [follow, id]);

  return (
    <Stack spacing={2} sx={{ maxWidth: 1100 }}>
      {error !== undefined && <Alert severity="error">{`Could not load the session: ${error}`}</Alert>}
      {session === undefined && error === undefined && <LinearProgress aria-label="Loading the session" />}
      {session !== undefined && <SessionContent session={session} />}
      <Box>
        <Button component={RouterLink} to={paths.pam.sessions}>
          All remote sessions
        </Button>
      </Box>
    </Stack>
  );
}

/** Before Active: the provisioning; a failed one: the error and no session; after: the session. */
function SessionContent({ session }: { session: Session }) {
  // Closing the tab or reloading asks first while the session is in use (the browser's own question).
  useBeforeUnload(isInUse(session.state));
  // The view Start session opened: closed with its tab or window, the session ends and is
  // cleaned up. One opened from Remote sessions only looks (paths.ts).
  const location: { state: unknown } = useLocation();
  useSessionPresence(session.id, isInUse(session.state) && isStartedHere(location.state));
  const leave = useLeaveGuard(session);
  const provisioning = session.state === 'requested' || session.state === 'provisioning';
  const failed = session.state === 'failed';

  return (
    <>
      <Typography variant="h1">
        {provisioning ? provisioningTitle : failed ? 'Session not started' : 'Session'}
      </Typography>
      {provisioning && <LinearProgress aria-label={provisioningTitle} />}
      {failed && (
        <Alert severity="error" role="alert">
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {provisioningFailed}
          </Typography>
          {session.error !== null && (
            <Box sx={{ mt: 0.5, whiteSpace: 'pre-wrap' }}>{bidiShown(session.error)}</Box>
          )}
        </Alert>
      )}
      {!provisioning && !failed && <SessionPanel session={session} />}
      {session.state === 'active' && hasSqlConsole(session) && <SqlConsole session={session} />}
      <Paper component="section" aria-label="Steps" variant="outlined" sx={{ p: 2 }}>
        <Typography variant="h2" sx={{ mb: 1 }}>
          Steps
        </Typography>
        <FieldList
          fields={[
            ['Credential', session.credentialLabel],
            ['Requested', <DateTime iso={session.createdAt} />],
          ]}
        />
        <SessionOperations session={session} />
      </Paper>
      {leave.confirm}
    </>
  );
}

/** The session once provisioned: where it stands, who it is, how long is left; Close ends it. */
function SessionPanel({ session }: { session: Session }) {
  const end = useSessionsStore((s) => s.end);
  const active = session.state === 'active';
  const now = useNow(active);
  const [closing, setClosing] = useState(false);
  const [closeError, setCloseError] = useState<string | undefined>();
  const msLeft = Date.parse(session.expiresAt) - now;
  const warning = active ? expiryWarning(msLeft) : undefined;

  const close = async () => {
    setClosing(true);
    setCloseError(undefined);
    // The core answers once the cleanup is recorded (Ended, Needs attention) or, past a bound,
    // with Ending: the store takes that answer, so the state shown is the one on disk.
    const result = await end(session.id);
    setClosing(false);
    if (!result.ok) setCloseError(result.message);
  };

  return (
    <Paper component="section" aria-label="Session" variant="outlined" sx={{ p: 2 }}>
      <Stack spacing={2}>
        {warning !== undefined && (
          // Keyed by the threshold: each warning is announced once, as it is crossed.
          <Alert key={warning} severity={warning === 5 ? 'error' : 'warning'} role="alert">
            {`The session ends in less than ${warning} minutes (its maximum length).`}
          </Alert>
        )}
        <FieldList
          fields={[
            ['State', <SessionStateChip key="state" state={session.state} />],
            ['Account used', session.account],
            ['Device', deviceOf(session)],
            ['Started', <DateTime iso={session.createdAt} />],
            ...(active
              ? [['Time left', formatDuration(msLeft)] as const]
              : [
                  ['Ended', <DateTime iso={session.endedAt} empty="Not yet" />] as const,
                  ['Duration', sessionDuration(session, now)] as const,
                ]),
          ]}
        />
        {session.state === 'ending' && (
          <Alert severity="info" role="status">
            {session.nextAttemptAt === null ? (
              'The session is ending: its account is being removed or disabled.'
            ) : (
              // Close answered while the cleanup waits for its next attempt: say so, not "removing".
              <>
                {`The session is ending: the cleanup failed (${bidiShown(session.error ?? 'no detail')}) and is tried again at `}
                <DateTime iso={session.nextAttemptAt} />.
              </>
            )}
          </Alert>
        )}
        {session.state === 'needs_attention' && (
          <Alert severity="warning">
            {`The cleanup failed${session.error === null ? '' : `: ${bidiShown(session.error)}`}. An administrator can retry it or force close the session in Remote sessions.`}
          </Alert>
        )}
        {session.state === 'ended' && <Alert severity="success">{endedMessage(session)}</Alert>}
        {active && session.pluginId === 'ssh' && <SessionTerminal sessionId={session.id} />}
        {closeError !== undefined && (
          <Alert severity="error">{`Could not close the session: ${closeError}`}</Alert>
        )}
        {active && (
          <Box>
            <Button variant="contained" color="error" disabled={closing} onClick={() => void close()}>
              Close
            </Button>
          </Box>
        )}
      </Stack>
    </Paper>
  );
}
