import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { Operation } from '../../../shared/domain/operation';
import type { Session } from '../../../shared/domain/session';
import { useSessionsStore } from '../../stores/sessions-store';
import { OperationAttempt } from '../operations/OperationAttempt';
import { kindLabels, templateLabel } from '../operations/operation-format';
import { OperationStatusChip } from '../operations/OperationStatusChip';

/**
 * A session's operations (provisioning, verification, cleanup), oldest first, each with its
 * attempts and their step logs as the core streams them. The logs arrive masked from the core.
 * The session must be followed (`useSessionsStore().follow`) for its operations to be in the store.
 */
export function SessionOperations({ session }: { session: Session }) {
  const operations = useSessionsStore((s) => s.operations);
  if (session.operationIds.length === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        No operation has run yet.
      </Typography>
    );
  }
  return (
    <>
      {session.operationIds.map((id) => {
        const op = operations[id];
        return op === undefined ? (
          <Typography key={id} variant="body2" sx={{ color: 'text.secondary', mt: 2 }}>
            Starting an operation…
          </Typography>
        ) : (
          <SessionOperation key={id} op={op} />
        );
      })}
    </>
  );
}

function SessionOperation({ op }: { op: Operation }) {
  const title = `${kindLabels[op.kind]}: ${templateLabel(op)}`;
  return (
    <Box component="section" aria-label={title} sx={{ mt: 3 }}>
      <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center' }}>
        <Typography variant="h3">{title}</Typography>
        <OperationStatusChip status={op.status} />
      </Box>
      {op.attempts.map((attempt) => (
        <OperationAttempt key={attempt.number} attempt={attempt} />
      ))}
    </Box>
  );
}
