import Alert from '@mui/material/Alert';
import Divider from '@mui/material/Divider';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import type { Operation } from '../../../shared/domain/operation';
import type { RoundTripResult } from '../../stores/templates-store';
import { TestOperationView } from './TestOperationView';

/** What the last run gave: one operation (a test) or a round trip's verdict and operations. */
export type TestOutcome =
  { kind: 'none' } | { kind: 'test'; operation: Operation } | { kind: 'roundTrip'; result: RoundTripResult };

/** A run in progress: a progress bar, and its operations as the core streams their steps. */
export function TestProgress({
  running,
  operations,
  onCancel,
}: {
  running: 'test' | 'roundTrip';
  operations: readonly Operation[];
  onCancel: (id: string) => void;
}) {
  return (
    <Stack spacing={1.5}>
      <LinearProgress aria-label={running === 'test' ? 'Running the test' : 'Running the round trip'} />
      {operations.map((op) => (
        <TestOperationView key={op.id} operation={op} onCancel={() => onCancel(op.id)} />
      ))}
    </Stack>
  );
}

/** The finished run: its operations with their (masked) output, and a round trip's verdict. */
export function TestOutcomeView({ outcome }: { outcome: Exclude<TestOutcome, { kind: 'none' }> }) {
  return (
    <Stack spacing={2} component="section" aria-label="Test result">
      <Divider />
      {outcome.kind === 'test' ? (
        <TestOperationView operation={outcome.operation} />
      ) : (
        <>
          <Alert severity={outcome.result.ok ? 'success' : 'error'} role="status">
            {outcome.result.summary}
          </Alert>
          {outcome.result.operations.map((op) => (
            <TestOperationView key={op.id} operation={op} />
          ))}
        </>
      )}
    </Stack>
  );
}
