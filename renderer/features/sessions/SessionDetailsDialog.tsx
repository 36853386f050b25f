import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useEffect, useId } from 'react';
import { jitTypeLabels } from '../../../shared/domain/jit';
import { isPlainSession, type Session } from '../../../shared/domain/session';
import { useSessionsStore } from '../../stores/sessions-store';
import { FieldList, type Field } from '../common/FieldList';
import { pluginName } from '../operations/operation-format';
import { deviceOf, sessionDuration } from './session-format';
import { SessionOperations } from './SessionOperations';
import { SessionStateChip } from './SessionStateChip';
import { hasSqlConsole } from './sql-console/SqlConsole';
import { SqlTranscript } from './sql-console/SqlTranscript';
import { TerminalTranscript } from './terminal/TerminalTranscript';
import { DateTime } from '../common/DateTime';
import { bidiShown } from '../../../shared/domain/text-rules';

const fields = (s: Session, now: number): Field[] => [
  ['Status', <SessionStateChip key="state" state={s.state} />],
  ['Account used', s.account],
  ['Device', deviceOf(s)],
  ['Credential', s.credentialLabel],
  ['JIT type', isPlainSession(s) ? 'None (a plain session: nothing provisioned)' : jitTypeLabels[s.jitType]],
  ['Plugin', pluginName(s.pluginId)],
  ['Requester', s.requester],
  ['Started', <DateTime iso={s.createdAt} />],
  ['Ended', <DateTime iso={s.endedAt} empty="Not yet" />],
  // Who or what ended it: a person, or the system and why (its maximum length, its view closed).
  ...(s.endedBy === undefined ? [] : [['Ended by', bidiShown(s.endedBy)] as const]),
  ['Duration', sessionDuration(s, now)],
  ['Maximum length ends it at', <DateTime iso={s.expiresAt} />],
  ['Cleanup attempts', String(s.cleanupAttempts)],
  ...(s.nextAttemptAt === null ? [] : [['Next attempt', <DateTime iso={s.nextAttemptAt} />] as const]),
  ...(s.error === null ? [] : [['Error', bidiShown(s.error)] as const]),
  ...(s.forceCloseReason === null ? [] : [['Force close reason', bidiShown(s.forceCloseReason)] as const]),
  ['ID', s.id],
];

/**
 * A session's record, steps and operations, live while open (the dialog follows the session, so
 * a cleanup running now streams its steps here).
 */
export function SessionDetailsDialog({ row, onClose }: { row: Session; onClose: () => void }) {
  const follow = useSessionsStore((s) => s.follow);
  const followed = useSessionsStore((s) => s.followed[row.id]);
  const session = followed ?? row;
  const titleId = useId();
  useEffect(() => follow(row.id), [follow, row.id]);
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="lg" fullWidth>
      <DialogTitle id={titleId}>{`Session of ${session.account}`}</DialogTitle>
      <DialogContent>
        <FieldList fields={fields(session, Date.now())} />
        <Typography variant="h2" sx={{ mt: 3 }}>
          Steps and operations
        </Typography>
        <SessionOperations session={session} />
        <Typography variant="h2" sx={{ mt: 3 }}>
          Transcript
        </Typography>
        {hasSqlConsole(session) ? (
          <SqlTranscript session={session} />
        ) : session.pluginId === 'ssh' ? (
          <TerminalTranscript session={session} />
        ) : (
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            Transcripts come with the in-app terminal and SQL console.
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
