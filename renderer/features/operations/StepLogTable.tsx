import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { z } from 'zod';
import type { operationStepSchema } from '../../../shared/domain/operation';
import { formatDuration } from './operation-format';
import { bidiShown } from '../../../shared/domain/text-rules';

type Step = z.infer<typeof operationStepSchema>;

// Commands and outputs are terminal text: columns and line breaks carry meaning.
const code = {
  fontFamily: 'monospace',
  fontSize: '0.8125rem',
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-word',
  verticalAlign: 'top',
} as const;

/**
 * One attempt's log, a row per executed template line. The core masks secrets before anything is
 * stored or sent, so texts are shown exactly as they arrive.
 */
export function StepLogTable({
  steps,
  label,
  running,
}: {
  steps: readonly Step[];
  label: string;
  running: boolean;
}) {
  if (steps.length === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {running ? 'No step has finished yet.' : 'No steps were logged.'}
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell>Line</TableCell>
          <TableCell>Command</TableCell>
          <TableCell>Output</TableCell>
          <TableCell>Result</TableCell>
          <TableCell align="right">Duration</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {steps.map((step, index) => (
          // Steps are only ever appended, so the position is stable (the same line may repeat).
          <TableRow key={index}>
            <TableCell sx={{ verticalAlign: 'top' }}>{step.line}</TableCell>
            <TableCell sx={code}>{step.command}</TableCell>
            <TableCell sx={code}>{bidiShown(step.output)}</TableCell>
            <TableCell sx={{ verticalAlign: 'top', color: step.ok ? 'success.main' : 'error.main' }}>
              {step.ok ? 'ok' : 'failed'}
            </TableCell>
            <TableCell align="right" sx={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
              {formatDuration(step.durationMs)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
