import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { Operation } from '../../../shared/domain/operation';
import { templateLabel } from '../operations/operation-format';
import { OperationStatusChip } from '../operations/OperationStatusChip';
import { StepLogTable } from '../operations/StepLogTable';
import { monospace } from './ContentField';

export interface TestOperationViewProps {
  operation: Operation;
  /** Offered while the operation runs. */
  onCancel?: (() => void) | undefined;
}

/**
 * One operation of a test: its status, who ran it on which account, the (masked) error, and a
 * row per executed template line. The core masks every text before it leaves, so they are shown
 * as they arrive.
 */
export function TestOperationView({ operation, onCancel }: TestOperationViewProps) {
  const label = templateLabel(operation);
  const attempt = operation.attempts.at(-1);
  const error = attempt?.error ?? null;
  const running = operation.status === 'Running' || operation.status === 'Scheduled';
  return (
    <Box component="section" aria-label={`Operation: ${label}`}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 0.5 }}>
        <Typography variant="h3" component="h3">
          {label}
        </Typography>
        <OperationStatusChip status={operation.status} />
        <Box sx={{ flex: 1 }} />
        {running && onCancel && (
          <Button size="small" color="warning" onClick={onCancel}>
            Cancel run
          </Button>
        )}
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {`Account ${operation.account} · run as ${operation.runAs} · on ${operation.deviceLabel}`}
      </Typography>
      {error !== null && (
        <Box
          component="pre"
          aria-label={`Error of ${label}`}
          sx={{
            fontFamily: monospace,
            fontSize: 13,
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-word',
            color: 'error.main',
            bgcolor: 'action.hover',
            p: 1.5,
            m: 0,
            mb: 1,
            borderRadius: 1,
          }}
        >
          {error}
        </Box>
      )}
      <StepLogTable steps={attempt?.steps ?? []} label={`Steps of ${label}`} running={running} />
    </Box>
  );
}
