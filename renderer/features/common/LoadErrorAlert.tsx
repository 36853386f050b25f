import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import type { SxProps, Theme } from '@mui/material/styles';

export interface LoadErrorAlertProps {
  /** What could not be loaded, as the sentence names it: `the devices`, `the audit log`. */
  what: string;
  /** Why; nothing is shown while undefined (no failure). */
  message: string | undefined;
  onRetry: () => void;
  sx?: SxProps<Theme>;
}

/**
 * A list or form could not be loaded: why, and a Retry. Every screen says it the same way
 * ("Could not load the devices: …"), above whatever (stale) rows are still on screen.
 */
export function LoadErrorAlert({ what, message, onRetry, sx }: LoadErrorAlertProps) {
  if (message === undefined) return null;
  return (
    <Alert
      severity="error"
      sx={sx}
      action={
        <Button color="inherit" onClick={onRetry}>
          Retry
        </Button>
      }
    >
      {`Could not load ${what}: ${message}`}
    </Alert>
  );
}
