import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { Failure } from '../../../../shared/result';
import { failureText } from '../failure-text';

/** The list could not be loaded: why, and a Retry. Shown above stale rows if some are on screen. */
export function ListError({ error, onRetry }: { error: Failure; onRetry: () => void }) {
  return (
    <Alert
      severity="error"
      action={
        <Button color="inherit" onClick={onRetry}>
          Retry
        </Button>
      }
    >
      {`Could not load the credentials: ${failureText(error)}`}
    </Alert>
  );
}

interface EmptyListProps {
  filtered: boolean;
  jitOnly: boolean;
}

/** No rows: say whether nothing exists yet or nothing matches, and what to do next. */
export function EmptyList({ filtered, jitOnly }: EmptyListProps) {
  const text = filtered
    ? 'No credentials match the filter. Change it, or use Clear.'
    : jitOnly
      ? 'No Just In Time credentials yet. Edit a credential and enable its JIT Settings, or use View actions > + New.'
      : 'No credentials yet. Use View actions > + New.';
  return (
    <Paper variant="outlined" sx={{ p: 4, textAlign: 'center' }}>
      <Typography role="status">{text}</Typography>
    </Paper>
  );
}
