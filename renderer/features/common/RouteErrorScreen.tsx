import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { isRouteErrorResponse, useRouteError } from 'react-router';

function describe(error: unknown): string {
  if (isRouteErrorResponse(error)) return `${error.status} ${error.statusText}`;
  if (error instanceof Error) {
    // A lazily loaded screen whose file cannot be fetched: the host serving the app has gone away.
    if (/dynamically imported module|Importing a module script failed/i.test(error.message)) {
      return 'This screen could not be loaded: the app files are not reachable (has the core stopped?).';
    }
    return error.message;
  }
  return String(error);
}

/**
 * Replaces the router's developer error page: a screen that crashed says so and offers a reload.
 * Used inside the shell (for screens) and around it (if the shell itself fails).
 */
/** `standalone`: drawn without the shell around it, so it brings its own margin. */
export function RouteErrorScreen({ standalone = false }: { standalone?: boolean }) {
  const error = useRouteError();
  return (
    <Stack spacing={2} sx={{ maxWidth: 880, p: standalone ? 3 : 0 }}>
      <Typography variant="h1">Something went wrong</Typography>
      <Alert severity="error">{describe(error)}</Alert>
      <div>
        <Button variant="contained" onClick={() => window.location.reload()}>
          Reload
        </Button>
      </div>
    </Stack>
  );
}
