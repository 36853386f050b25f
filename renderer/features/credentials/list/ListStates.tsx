import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { Failure } from '../../../../shared/result';
import { LoadErrorAlert } from '../../common/LoadErrorAlert';
import { failureText } from '../failure-text';

/** The list could not be loaded: why, and a Retry. Shown above stale rows if some are on screen. */
export function ListError({ error, onRetry }: { error: Failure; onRetry: () => void }) {
  return <LoadErrorAlert what="the credentials" message={failureText(error)} onRetry={onRetry} />;
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
