import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { Operation } from '../../../shared/domain/operation';
import { FieldList } from '../common/FieldList';
import { OperationStatusChip } from './OperationStatusChip';
import { StepLogTable } from './StepLogTable';
import { DateTime } from '../common/DateTime';
import { bidiShown } from '../../../shared/domain/text-rules';

type Attempt = Operation['attempts'][number];

/** One attempt: when it ran, how it ended, the (masked) error, and its step log. */
export function OperationAttempt({ attempt }: { attempt: Attempt }) {
  const title = `Attempt ${attempt.number}`;
  const running = attempt.endedAt === null;
  return (
    <Box component="section" aria-label={title} sx={{ mt: 3 }}>
      <Typography variant="h3" sx={{ mb: 1 }}>
        {title}
      </Typography>
      <FieldList
        fields={[
          ['Started', <DateTime iso={attempt.startedAt} />],
          ['Ended', <DateTime iso={attempt.endedAt} empty={running ? 'Still running' : '—'} />],
          ['Status', <OperationStatusChip key="status" status={attempt.status} />],
        ]}
      />
      {attempt.error !== null && (
        <Box
          component="pre"
          aria-label={`Error of attempt ${attempt.number}`}
          sx={{
            fontFamily: 'monospace',
            fontSize: '0.8125rem',
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-word',
            color: 'error.main',
            bgcolor: 'action.hover',
            p: 1.5,
            my: 1.5,
            borderRadius: 1,
          }}
        >
          {bidiShown(attempt.error)}
        </Box>
      )}
      <Typography variant="subtitle2" component="h4" sx={{ mt: 1.5, mb: 0.5 }}>
        Step log
      </Typography>
      <StepLogTable steps={attempt.steps} label={`Step log of attempt ${attempt.number}`} running={running} />
    </Box>
  );
}
