import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useId, useState, type ReactNode } from 'react';
import { useBlocker } from 'react-router';
import type { Session } from '../../../shared/domain/session';
import { endAnswerSeverity, endAnswerText, isInUse } from './session-format';
import { useSessionsStore } from '../../stores/sessions-store';

export const leaveTitle = 'End the session and leave?';

/**
 * Leaving the session view (a menu link, Back) while the session is live asks first: closing the
 * view ends the session, so its account does not stay on the device unattended. Staying keeps it;
 * leaving ends it and leaves once the core has recorded the cleanup. A cleanup that has not
 * finished (still retrying, or Needs attention) is said here, and the person leaves when they choose.
 */
export function useLeaveGuard(session: Session): { confirm: ReactNode } {
  const live = isInUse(session.state);
  const end = useSessionsStore((s) => s.end);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => live && currentLocation.pathname !== nextLocation.pathname,
  );
  const [ending, setEnding] = useState(false);
  const [error, setError] = useState<string | undefined>();
  /** The end was asked for but its cleanup is not over: leaving now only leaves. */
  const [unfinished, setUnfinished] = useState<string | undefined>();
  const titleId = useId();

  if (blocker.state !== 'blocked') return { confirm: null };

  const stay = () => {
    setError(undefined);
    blocker.reset();
  };
  const leave = async () => {
    if (unfinished !== undefined) {
      blocker.proceed();
      return;
    }
    setEnding(true);
    setError(undefined);
    const result = await end(session.id);
    setEnding(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    // Over with nothing left on the device (Ended, or a start that failed): leave. Else say why not.
    if (endAnswerSeverity(result.value) !== 'success') {
      setUnfinished(endAnswerText(result.value, session.account));
      return;
    }
    blocker.proceed();
  };

  return {
    confirm: (
      <Dialog open onClose={stay} aria-labelledby={titleId} maxWidth="xs" fullWidth>
        <DialogTitle id={titleId}>{leaveTitle}</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {`The session of ${session.account} is still live. Leaving this view ends it: its account is removed or disabled on the device.`}
          </DialogContentText>
          {ending && (
            <DialogContentText role="status" sx={{ mt: 1 }}>
              Ending the session: its account is being removed or disabled…
            </DialogContentText>
          )}
          {unfinished !== undefined && (
            <DialogContentText role="alert" sx={{ mt: 1 }}>
              {unfinished}
            </DialogContentText>
          )}
          {error !== undefined && (
            <DialogContentText role="alert" sx={{ color: 'error.main', mt: 1 }}>
              {`Could not end the session: ${error}`}
            </DialogContentText>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={stay} autoFocus>
            Stay
          </Button>
          <Button color="error" variant="contained" disabled={ending} onClick={() => void leave()}>
            {unfinished === undefined ? 'End session and leave' : 'Leave'}
          </Button>
        </DialogActions>
      </Dialog>
    ),
  };
}
